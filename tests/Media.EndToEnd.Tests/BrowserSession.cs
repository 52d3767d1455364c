using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>
/// The real host on Kestrel at 127.0.0.1 plus Debian's Chromium driven by Playwright.
/// Playwright never downloads a browser here: it is always given /usr/bin/chromium.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    internal static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--disable-features=OptimizationHints,MediaRouter,Translate",
        // A follower's player starts when the host's does, without a click of its own.
        "--autoplay-policy=no-user-gesture-required",
    ];

    private IPlaywright? _playwright;

    /// <summary>The host, with a small generated demo library so that catalog pages have something to show.</summary>
    public MediaServerFactory Server { get; } = new MediaServerFactory().With("Media:Catalog:DemoLessons", "600");

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser? Browser { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        BaseUrl = Server.StartOnLoopback();
        Assertions.SetDefaultExpectTimeout(60_000);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own cookies) with one page.</summary>
    public async Task<IPage> NewPageAsync()
    {
        TestEnvironment.RequireService(Browser is not null, $"Chromium is not installed at {ChromiumPath}");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "zh-CN" });
        // Playwright's 30 s default is too little on a loaded CI machine running the whole suite on two cores
        // (Chromium decodes video in software there, next to ffmpeg transcodes of other test projects).
        context.SetDefaultTimeout(180_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in as a demo user through the sign-in form, landed on <paramref name="returnUrl"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string returnUrl)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, userName, returnUrl);
        return page;
    }

    /// <summary>Signs <paramref name="page"/> in as a demo user through the sign-in form and waits until it has landed on <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsync(IPage page, string userName, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(MediaServerFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await WaitForAddressAsync(page, url => url.EndsWith(returnUrl, StringComparison.Ordinal) && !url.Contains("/account/signin", StringComparison.Ordinal), $"signed in as {userName}, {returnUrl}");
    }

    /// <summary>
    /// Waits until the page's address satisfies <paramref name="matches"/>; locators wait for what a test needs next.
    /// Playwright's own URL and load-state waits hung now and then under the whole suite's load with the address
    /// already matching (its "commit" wait never returned while the page had rendered), so the address is read instead.
    /// </summary>
    public static async Task WaitForAddressAsync(IPage page, Func<string, bool> matches, string expected)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(matches);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!matches(page.Url))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                var text = await page.InnerTextAsync("body");
                throw new TimeoutException($"Expected {expected}; the browser stayed at {page.Url}: {text[..Math.Min(text.Length, 400)]}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Saves a screenshot under the test output folder, for a person to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
