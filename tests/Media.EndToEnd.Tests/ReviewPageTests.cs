using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>The reviewer's desk: a blind entry, its video and its rubric side by side, scores submitted once.</summary>
public sealed class ReviewPageTests(BrowserSession session) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempFolder _folder = new("review-page");

    [Fact]
    public async Task ReviewDesk_ReviewerScoresABlindEntry_TotalAddsUpAndTheScoreIsFinal()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await session.Server.CreateClientForAsync("admin");
        var teacher = await session.Server.CreateClientForAsync("teacher");
        var source = _folder.Combine("entry.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 4, size: "320x240");
        var lesson = await LessonApi.PublishAsync(teacher, source, "张老师《背影》参评课");
        var created = await admin.PostAsJsonAsync("/api/review/campaigns", new
        {
            name = "一师一优课（测试）", year = 2026, levels = new[] { "school" }, reviewersPerEntry = 2, requiredDocuments = Array.Empty<string>(),
            standard = new { minMinutes = 0.01, maxMinutes = 45, minWidth = 160, minHeight = 120, minKbps = 1, videoCodec = "h264", audioCodec = "aac" },
        }, ct);
        var campaign = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var draft = await teacher.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = lesson }, ct);
        var submission = (await draft.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        (await teacher.PostAsync($"/api/review/submissions/{submission}/submit", null, ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, ct)).EnsureSuccessStatusCode();

        var page = await session.NewPageAsync();
        await page.GotoAsync("/account/signin?returnUrl=/review");
        await page.GetByLabel("用户名").FillAsync("reviewer");
        await page.GetByLabel("密码").FillAsync(MediaServerFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/review", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        var entry = page.GetByTestId("review-queue").Locator("li", new() { HasText = "《背影》参评课" });
        await Assertions.Expect(entry).Not.ToContainTextAsync("张老师");
        await entry.Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("entry-title")).ToHaveTextAsync("＊＊《背影》参评课");
        foreach (var (criterion, points) in new[] { ("教学设计", "18"), ("教学实施", "35"), ("信息技术融合", "20"), ("教学效果", "12") })
        {
            await page.Locator($"#criteria input[name='{criterion}']").FillAsync(points);
        }

        await Assertions.Expect(page.GetByTestId("score-total")).ToHaveTextAsync("85");
        await page.GetByTestId("submit-score").ClickAsync();
        await Assertions.Expect(page.GetByTestId("score-message")).ToContainTextAsync("已提交");
        await Assertions.Expect(page.GetByTestId("submit-score")).ToBeDisabledAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('entry-video').readyState >= 1", null, new() { Timeout = 20_000 });
        await BrowserSession.ScreenshotAsync(page, "review-desk");
    }

    public void Dispose() => _folder.Dispose();
}
