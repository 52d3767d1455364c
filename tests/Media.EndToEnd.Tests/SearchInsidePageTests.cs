using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>A student searches for words said in a lesson, follows the hit, and the player opens at that moment.</summary>
public sealed class SearchInsidePageTests(BrowserSession session) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempFolder _folder = new("search-inside-page");

    [Fact]
    public async Task Student_SearchesACaptionLine_OpensThePlayerAtItAndSeesTheTranscript()
    {
        var teacher = await session.Server.CreateClientForAsync("teacher");
        var source = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 50);
        var lesson = await LessonApi.PublishAsync(teacher, source, "直角三角形三边的关系");
        using var captions = new StringContent(
            "WEBVTT\n\n00:00:05.000 --> 00:00:08.000\n今天我们学习直角三角形\n\n00:00:40.000 --> 00:00:44.000\n同学们请看黑板\n", System.Text.Encoding.UTF8, "text/vtt");
        (await teacher.PutAsync($"/api/lessons/{lesson}/captions/zh-CN?label=" + Uri.EscapeDataString("中文"), captions, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // The caption line reaches the index through a module event: wait for that outcome before driving the page.
        var student = await session.Server.CreateClientForAsync("student");
        await Eventually.HoldsAsync(async () =>
        {
            var found = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(
                student, "/api/catalog/search?q=" + Uri.EscapeDataString("同学们请看黑板"), TestContext.Current.CancellationToken);
            return found.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == lesson && i.GetProperty("moments").GetArrayLength() > 0);
        }, TimeSpan.FromMinutes(3));

        var page = await session.SignedInPageAsync("student", "/catalog");
        await page.GetByTestId("search-box").Locator("input").FillAsync("同学们请看黑板");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        var moment = page.GetByTestId("results").Locator($"li.result[data-id='{lesson}'] [data-testid=moments] a").First;
        await Assertions.Expect(moment).ToContainTextAsync("0:40");
        await Assertions.Expect(moment.Locator("em")).ToHaveTextAsync("同学们请看黑板");
        await BrowserSession.ScreenshotAsync(page, "catalog-search-inside");
        await moment.ClickAsync();

        await BrowserSession.WaitForAddressAsync(page, url => url.EndsWith($"/lessons/{lesson}?t=40", StringComparison.Ordinal), "the lesson at 40 s");
        await page.WaitForFunctionAsync("() => document.getElementById('video')?.currentTime >= 39", null, new() { Timeout = 60_000 });
        var transcript = page.GetByTestId("transcript").Locator("li");
        await Assertions.Expect(transcript).ToHaveCountAsync(2);
        await page.GetByTestId("transcript-filter").Locator("input").FillAsync("直角");
        var shown = page.GetByTestId("transcript").Locator("li:not([hidden])");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => { document.getElementById('video').muted = true; }");
        await shown.Locator("button").ClickAsync();
        await page.WaitForFunctionAsync("() => { const t = document.getElementById('video').currentTime; return t >= 5 && t < 20; }", null, new() { Timeout = 90_000 });
        await BrowserSession.ScreenshotAsync(page, "player-transcript");
    }

    public void Dispose() => _folder.Dispose();
}
