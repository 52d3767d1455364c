using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>Typing into the app's TDesign date pickers (they take typed dates).</summary>
internal static class DatePickers
{
    /// <summary>
    /// Types <paramref name="value"/> into the picker's input and confirms it with Enter, until the input holds it. On a
    /// busy machine the picker can take the Enter before it has read the typed text and keep its old value, as it would
    /// for a person, who then types it again; three tries, then the test fails.
    /// </summary>
    public static async Task TypeAsync(ILocator picker, string value)
    {
        var input = picker.Locator("input");
        for (var attempt = 1; ; attempt++)
        {
            await input.ClickAsync();
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
