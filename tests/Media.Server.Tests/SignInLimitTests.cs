using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Media.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Media.Server.Tests;

/// <summary>Guessing passwords is bounded: an account locks after a few wrong ones (the right one included), through the API and the form alike.</summary>
public sealed partial class SignInLimitTests : IAsyncLifetime
{
    private readonly MediaServerFactory _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Token_FiveWrongPasswords_LocksTheAccountWith429UntilThePeriodEnds()
    {
        var client = _server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/token", new { userName = "reviewer2", password = $"guess{i}" }, Ct)).StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/auth/token", new { userName = "reviewer2", password = MediaServerFactory.DemoPassword }, Ct);
        var other = await client.PostAsJsonAsync("/api/auth/token", new { userName = "teacher2", password = MediaServerFactory.DemoPassword }, Ct);
        _server.Clock.Advance(TimeSpan.FromMinutes(16));
        var later = await client.PostAsJsonAsync("/api/auth/token", new { userName = "reviewer2", password = MediaServerFactory.DemoPassword }, Ct);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10), right.Headers.RetryAfter?.ToString());
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("urn:media:problem:too-many-attempts", problem.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task SignInForm_LockedAccount_SaysSoInChineseWithRetryAfter()
    {
        var browser = _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        HttpResponseMessage response = null!;
        for (var i = 0; i < 6; i++)
        {
            var token = TokenField().Match(await browser.GetStringAsync("/account/signin", Ct)).Groups[1].Value;
            response = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "student",
                ["Password"] = i < 5 ? "wrong" : MediaServerFactory.DemoPassword,
                ["__RequestVerificationToken"] = token,
            }), Ct);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("登录失败次数过多", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("media.auth", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
