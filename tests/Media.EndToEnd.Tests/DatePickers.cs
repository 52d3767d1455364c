using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>Typing into the app's TDesign date pickers (they take typed dates).</summary>
internal static class DatePickers
{
    /// <summary>
    /// Types <paramref name="value"/> into the picker and confirms it with Enter, until the input holds it. The picker
    /// rewrites its input with the stored value whenever its panel opens or closes, so text typed before the panel has
    /// finished opening is lost: each try clicks the input (which only ever opens the panel) and gives the panel time
    /// to show before typing. A click does not always open it (seen on a phone-sized page right after the picker above
    /// closed); Enter takes typed text without the panel, so the try types anyway. Five tries, then the test fails.
    /// </summary>
    public static async Task TypeAsync(ILocator picker, string value)
    {
        var input = picker.Locator("input");
        for (var attempt = 1; ; attempt++)
        {
            await input.ClickAsync();
            try
            {
                await Assertions.Expect(picker.Locator(".t-select-input--popup-visible")).ToHaveCountAsync(1, new() { Timeout = 5_000 });
            }
            catch (PlaywrightException)
            {
                // The panel did not open: type without it.
            }

            await input.FillAsync(value);
            await input.PressAsync("Enter");
            try
            {
                await Assertions.Expect(input).ToHaveValueAsync(value, new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
                // Not taken: type it again.
            }
        }
    }
}
