using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Media.Testing;

namespace Media.Server.Tests;

/// <summary>Pages cannot be framed, sniffed or made to run inline script; over TLS (here: a trusted proxy saying so) cookies are Secure and HSTS is sent.</summary>
public sealed partial class SecurityHeaderTests : IAsyncLifetime
{
    private readonly MediaServerFactory _server = new();
    private string _baseUrl = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _baseUrl = _server.StartOnLoopback();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin")]
    [InlineData("/api/auth/me")]
    public async Task AnyResponse_CarriesAStrictPolicyNosniffAndNoFraming(string path)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_baseUrl) };

        var response = await client.GetAsync(path, Ct);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' 'unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScript()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_baseUrl) };

        var html = await client.GetStringAsync("/account/signin", Ct);

        Assert.DoesNotMatch(InlineScript(), html);
    }

    [Fact]
    public async Task SignIn_BehindATlsProxy_SetsSecureCookiesAndHsts()
    {
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(_baseUrl) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var page = await client.GetAsync("/account/signin", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Antiforgery", StringComparison.Ordinal));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "teacher",
                ["Password"] = MediaServerFactory.DemoPassword,
                ["__RequestVerificationToken"] = TokenField().Match(html).Groups[1].Value,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post, Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("media.auth", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
