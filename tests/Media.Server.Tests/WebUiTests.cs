using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Media.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Media.Server.Tests;

/// <summary>The server-rendered pages: sign-in with a cookie, role-based navigation, languages, the jobs dashboard.</summary>
public sealed partial class WebUiTests(MediaServerFactory factory) : IClassFixture<MediaServerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path, Ct);
        return TokenField().Match(html).Groups[1].Value;
    }

    private static async Task<HttpClient> SignedInAsync(HttpClient client, string userName, string password = MediaServerFactory.DemoPassword)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/signin");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task Home_Anonymous_IsChineseByDefaultAndOffersSignIn()
    {
        var html = await Browser().GetStringAsync("/", Ct);

        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("登录", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/jobs", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_EnglishChosen_IsRenderedInEnglishAndRemembered()
    {
        var client = Browser();

        var choose = await client.GetAsync("/culture?name=en&returnUrl=/", Ct);
        var html = await client.GetStringAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, choose.StatusCode);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Sign in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndSetsNoCookie()
    {
        var client = Browser();
        var token = await AntiforgeryTokenAsync(client, "/account/signin");

        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "teacher",
            ["Password"] = "wrong",
            ["__RequestVerificationToken"] = token,
        }), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("用户名或密码不正确", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("media.auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_Admin_SeesWelcomeAndJobsLinkAndOpensDashboard()
    {
        var client = await SignedInAsync(Browser(), "admin");

        var html = await client.GetStringAsync("/", Ct);
        var jobs = await client.GetAsync("/jobs", Ct);

        Assert.Contains("欢迎，平台管理员", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/jobs\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }

    [Fact]
    public async Task JobsDashboard_TeacherOrAnonymous_IsRefused()
    {
        var anonymous = await Browser().GetAsync("/jobs", Ct);
        var teacher = await (await SignedInAsync(Browser(), "teacher")).GetAsync("/jobs", Ct);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/signin", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, teacher.StatusCode);
        Assert.StartsWith("/account/denied", teacher.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieApi_ReadWorks_WriteWithoutAntiforgeryHeaderIsRefused()
    {
        var client = await SignedInAsync(Browser(), "teacher");

        var me = await client.GetAsync("/api/auth/me", Ct);
        var write = await client.PostAsync("/api/auth/dev-token", JsonContent.Create(new { userName = "admin" }), Ct);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.Contains("urn:media:problem:antiforgery", await write.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieApi_WriteWithPageAntiforgeryHeader_IsAccepted()
    {
        var client = await SignedInAsync(Browser(), "teacher");
        var html = await client.GetStringAsync("/", Ct);
        var token = CsrfMeta().Match(html).Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/dev-token") { Content = JsonContent.Create(new { userName = "teacher" }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await client.SendAsync(request, Ct);

        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WebLibraries_FromNpm_AreServed()
    {
        var client = Browser();

        foreach (var path in new[] { "/lib/signalr/signalr.min.js", "/lib/tus-js-client/tus.min.js", "/lib/janus-gateway/janus.js", "/lib/webrtc-adapter/adapter.js" })
        {
            var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task WebAppBundles_ToABrowserAcceptingBrotli_AreTheBuildsCompressedCopy_AndPlainOtherwise()
    {
        var client = Browser();
        var plain = await client.GetByteArrayAsync("/app/app.css", Ct);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/app.css");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var compressed = await response.Content.ReadAsByteArrayAsync(Ct);
        // The build's copy (Brotli at its highest quality), not the host's on-the-fly compression.
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(TestEnvironment.RepositoryRoot, "server", "Media.Server", "wwwroot", "app", "app.css.br"), Ct), compressed);
        await using var decoded = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var copy = new MemoryStream();
        await decoded.CopyToAsync(copy, Ct);
        Assert.Equal(plain, copy.ToArray());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfMeta();
}
