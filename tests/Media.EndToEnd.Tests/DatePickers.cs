using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>Typing into the app's TDesign date pickers (they take typed dates).</summary>
internal static class DatePickers
{
    /// <summary>
    /// Types <paramref name="value"/> into the picker's input and confirms it with Enter, until the input holds it. The
    /// picker only takes Enter while its panel is open, and a click on its input toggles the panel, so each try opens it
    /// only when it is closed (Escape would also close a dialog around the picker) and waits until it shows before
    /// typing; three tries, then the test fails.
    /// </summary>
    public static async Task TypeAsync(ILocator picker, string value)
    {
        var input = picker.Locator("input");
        var panel = picker.Page.Locator(".t-date-picker__panel").Locator("visible=true");
        for (var attempt = 1; ; attempt++)
        {
            if (await panel.CountAsync() == 0)
            {
                await input.ClickAsync();
            }

            await Assertions.Expect(panel).ToHaveCountAsync(1);
            await input.FillAsync(value);
            await input.PressAsync("Enter");
            try
            {
                await Assertions.Expect(input).ToHaveValueAsync(value, new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // Not taken: type it again.
            }
        }
    }
}
