using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>
/// 统一身份认证 against a real OpenID provider (npm oidc-provider) in Chromium: a person the roster knows signs in with the
/// provider and lands signed in as their own account; one it does not know is sent back with the reason in Chinese.
/// </summary>
public sealed class UnifiedSignInTests : IAsyncLifetime
{
    private readonly OidcProviderFixture _provider = new();
    private MediaServerFactory? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserSession.ChromiumPath))
        {
            return;
        }

        var port = TestEnvironment.FreePort();
        await _provider.StartAsync($"http://127.0.0.1:{port}/signin-oidc");
        if (_provider.Authority is null)
        {
            return;
        }

        _server = new MediaServerFactory()
            .With("Media:Auth:Oidc:Authority", _provider.Authority)
            .With("Media:Auth:Oidc:ClientId", OidcProviderFixture.ClientId)
            .With("Media:Auth:Oidc:ClientSecret", OidcProviderFixture.ClientSecret)
            .With("Media:Auth:Oidc:RequireHttpsMetadata", "false");
        _baseUrl = _server.StartOnLoopback(port);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSession.ChromiumPath, Headless = true, Args = BrowserSession.ChromiumArgs,
        });
    }

    [Fact]
    public async Task RosterPerson_SignsInThroughTheProvider_AndAStrangerIsToldWhy()
    {
        TestEnvironment.RequireService(File.Exists(BrowserSession.ChromiumPath), $"Chromium is not installed at {BrowserSession.ChromiumPath}");
        _provider.RequireAvailable();
        var ct = TestContext.Current.CancellationToken;
        var admin = await _server!.CreateClientForAsync("admin");
        var province = (await admin.GetFromJsonAsync<JsonElement>("/api/auth/me", ct)).GetProperty("organisationId").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "zhou.laoshi", displayName = "周老师", roles = new[] { "teacher" }, organisationId = province, externalId = "J370102000123",
        }, ct);
        created.EnsureSuccessStatusCode();

        var known = await SignInThroughProviderAsync("J370102000123", "/uploads");
        await Assertions.Expect(known.GetByText("周老师").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var me = await known.EvaluateAsync<JsonElement>("async () => (await fetch('/api/auth/me')).json()");
        var stranger = await SignInThroughProviderAsync("J999999999999", "/account/signin");
        await Assertions.Expect(stranger.GetByTestId("signin-error")).ToContainTextAsync("本平台还没有你的账号", new() { Timeout = 60_000 });

        Assert.EndsWith("/uploads", new Uri(known.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("zhou.laoshi", me.GetProperty("userName").GetString());
        Assert.Equal(["teacher"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    /// <summary>Sign-in page → the provider's login (any password) → its consent → back to Media.</summary>
    private async Task<IPage> SignInThroughProviderAsync(string rosterId, string expectedPath)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, Locale = "zh-CN" });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin?returnUrl=%2Fuploads");
        await page.GetByTestId("unified-signin").ClickAsync();
        await page.Locator("input[name=login]").FillAsync(rosterId, new() { Timeout = 60_000 });
        await page.Locator("input[name=password]").FillAsync("anything");
        await page.Locator("button[type=submit]").ClickAsync();
        // The consent form's button has the same selector: wait until the login form is gone, or a busy machine clicks
        // the login button twice and the provider ends the interaction.
        await page.Locator("input[name=login]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 60_000 });
        await page.Locator("button[type=submit]").ClickAsync(new() { Timeout = 60_000 });
        await BrowserSession.WaitForAddressAsync(page, url => url.Contains(expectedPath, StringComparison.Ordinal), expectedPath);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _provider.DisposeAsync();
    }
}
