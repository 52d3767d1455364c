using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>The reviewer's desk, the teacher's entries page and the level admin's page, in Chromium.</summary>
public sealed class ReviewPageTests(BrowserSession session) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempFolder _folder = new("review-page");

    /// <summary>
    /// At both sizes: the queue says what waits and until when; scores typed with Enter between them are kept as a
    /// draft without a click and come back after a reload; handing in asks once, then the scores are final.
    /// </summary>
    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task ReviewDesk_ReviewerScoresABlindEntry_DraftKept_TotalAddsUp_AndTheScoreIsFinal(int width)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await session.Server.CreateClientForAsync("admin");
        var teacher = await session.Server.CreateClientForAsync("teacher");
        var source = _folder.Combine($"entry-{width}.mp4");
        // Not the same bytes at both sizes: an identical upload would be the same lesson (ingest deduplicates by hash).
        await Ffmpeg.LessonAsync(source, seconds: width == 390 ? 4 : 5, size: "320x240");
        var lesson = await LessonApi.PublishAsync(teacher, source, $"张老师《背影》参评课{width}");
        var closes = DateTimeOffset.UtcNow.AddDays(30);
        var (campaign, _) = await HandedInAsync(admin, teacher, lesson, $"一师一优课（测试{width}）", reviewersPerEntry: 1, closes);
        // The campaign's pool is this reviewer alone, so that the entry is theirs whatever other work the host holds.
        using var reviewer = await session.Server.CreateClientForAsync("reviewer");
        var reviewerId = (await reviewer.GetFromJsonAsync<JsonElement>("/api/auth/me", ct)).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/reviewers", new[] { new { userId = reviewerId } }, ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, ct)).EnsureSuccessStatusCode();

        var assigned = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", ct);
        Assert.True(assigned.EnumerateArray().Any(e => e.GetProperty("title").GetString()!.EndsWith($"参评课{width}", StringComparison.Ordinal)), assigned.ToString());

        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "reviewer", "/review");
        var entry = page.GetByTestId("review-queue").Locator("li", new() { HasText = $"《背影》参评课{width}" });
        await Assertions.Expect(entry).Not.ToContainTextAsync("张老师");
        await Assertions.Expect(entry).ToContainTextAsync("未评");
        await Assertions.Expect(entry).ToContainTextAsync("截止，还剩 29 天");
        await Assertions.Expect(page.GetByTestId("queue-counts")).ToContainTextAsync("待评");
        await health.AssertHealthyAsync($"the review queue at {width} px");
        await entry.Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("entry-title")).ToHaveTextAsync($"＊＊《背影》参评课{width}");

        // Typed from the keyboard: a score, Enter, the next; kept as a draft without pressing anything.
        await Score(page, "教学设计").FillAsync("18");
        await Score(page, "教学设计").PressAsync("Enter");
        await Assertions.Expect(Score(page, "教学实施")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("35");
        await Assertions.Expect(page.GetByTestId("score-message")).ToContainTextAsync("草稿已于");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("entry-title")).ToHaveTextAsync($"＊＊《背影》参评课{width}");
        await Assertions.Expect(Score(page, "教学实施")).ToHaveValueAsync("35");
        await Assertions.Expect(entry).ToContainTextAsync("草稿");

        // Handing in with a criterion left out is refused by name; complete, it asks once and is final.
        await page.GetByTestId("submit-score").ClickAsync();
        await Assertions.Expect(page.GetByTestId("score-problem")).ToHaveTextAsync("还有评分项没有打分：信息技术融合、教学效果。");
        await Score(page, "信息技术融合").FillAsync("20");
        await Score(page, "教学效果").FillAsync("12");
        await Score(page, "教学效果").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("score-total")).ToHaveTextAsync("85");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=entry-video]')?.readyState >= 1", null, new() { Timeout = 90_000 });
        await health.AssertHealthyAsync($"the desk at {width} px");
        await BrowserSession.ScreenshotAsync(page, $"review-desk-{width}", fullPage: width == 390);
        await page.GetByTestId("submit-score").ClickAsync();
        await page.Locator(".t-dialog").GetByRole(AriaRole.Button, new() { Name = "确认提交" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("score-message")).ToContainTextAsync("已提交");
        await Assertions.Expect(page.GetByTestId("submit-score")).ToBeDisabledAsync();
        if (width == 390)
        {
            await page.GetByTestId("back-to-queue").ClickAsync();
        }

        await page.GetByText("已提交", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(entry).ToContainTextAsync("已提交");

        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", ct);
        var mine = queue.EnumerateArray().Single(e => e.GetProperty("title").GetString()!.Contains($"参评课{width}", StringComparison.Ordinal));
        Assert.True(mine.GetProperty("final").GetBoolean());
        Assert.Equal(85, mine.GetProperty("scores").EnumerateObject().Sum(s => s.Value.GetDouble()));
    }

    /// <summary>From the keyboard: J opens the next entry; declining needs a reason and takes the entry off the queue.</summary>
    [Fact]
    public async Task ReviewDesk_ReviewerMovesOnWithJ_AndDeclinesAnEntryWithAReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await session.Server.CreateClientForAsync("admin");
        var teacher = await session.Server.CreateClientForAsync("teacher");
        using var reviewer = await session.Server.CreateClientForAsync("reviewer");
        var reviewerId = (await reviewer.GetFromJsonAsync<JsonElement>("/api/auth/me", ct)).GetProperty("id").GetGuid();
        var titles = new[] { "《春》回避测试甲", "《春》回避测试乙" };
        foreach (var (title, n) in titles.Select((title, n) => (title, n)))
        {
            var source = _folder.Combine($"decline-{n}.mp4");
            await Ffmpeg.LessonAsync(source, seconds: 6 + n, size: "240x180");
            var lesson = await LessonApi.PublishAsync(teacher, source, title);
            var (campaign, _) = await HandedInAsync(admin, teacher, lesson, $"回避测试{n}", reviewersPerEntry: 1, DateTimeOffset.UtcNow.AddDays(10 + n));
            (await admin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/reviewers", new[] { new { userId = reviewerId } }, ct)).EnsureSuccessStatusCode();
            (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, ct)).EnsureSuccessStatusCode();
        }

        var page = await session.NewPageAsync();
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "reviewer", "/review");
        var queue = page.GetByTestId("review-queue");
        await queue.Locator("li", new() { HasText = titles[0] }).Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("entry-title")).ToHaveTextAsync(titles[0]);
        await page.GetByTestId("entry-title").ClickAsync();
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.GetByTestId("entry-title")).ToHaveTextAsync(titles[1]);

        await page.GetByTestId("decline").ClickAsync();
        var dialog = page.Locator(".t-dialog", new() { HasText = "回避或退回" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认退回" }).ClickAsync();
        await Assertions.Expect(page.Locator(".t-message", new() { HasText = "请填写原因" })).ToBeVisibleAsync();
        await dialog.GetByTestId("decline-reason").Locator("textarea").FillAsync("与授课教师同校");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认退回" }).ClickAsync();
        await Assertions.Expect(page.Locator(".t-message", new() { HasText = "已退回" })).ToBeVisibleAsync();
        await Assertions.Expect(queue.Locator("li", new() { HasText = titles[1] })).ToHaveCountAsync(0);
        await Assertions.Expect(queue.Locator("li", new() { HasText = titles[0] })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".t-message")).ToHaveCountAsync(0);
        await health.AssertHealthyAsync("the desk after declining");

        var left = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", ct);
        Assert.DoesNotContain(left.EnumerateArray(), e => e.GetProperty("title").GetString() == titles[1]);
    }

    private static ILocator Score(IPage page, string criterion) =>
        page.GetByTestId("criterion-score").Filter(new() { HasText = criterion }).Locator("input");

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task TeacherPage_EntersALesson_UploadsMaterials_AndHandsIn(int width)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await session.Server.CreateClientForAsync("admin");
        var teacher = await session.Server.CreateClientForAsync("teacher");
        var source = _folder.Combine($"teacher-entry-{width}.mp4");
        var title = $"《春》参评课（{width}）";
        // A tone of its own per case: the same bytes twice would be one upload (ingest keeps a file once).
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "240x180", toneHz: width);
        await LessonApi.WaitForAcceptedAsync(teacher, await LessonApi.UploadAsync(teacher, source, title));
        var created = await admin.PostAsJsonAsync("/api/review/campaigns", new { name = $"教师页测试 {width}", year = 2099, levels = new[] { "school" }, standard = Lenient }, ct);
        var campaign = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var design = _folder.Combine("教学设计.pdf");
        var courseware = _folder.Combine("课件.pptx");
        await File.WriteAllTextAsync(design, "%PDF-1.4\n%%EOF\n", ct);
        await File.WriteAllBytesAsync(courseware, [.. "PK\u0003\u0004"u8, 0, 0, 0, 0], ct);

        // Review hears of the video from its own delivery of ingest's event, a moment after ingest accepted it.
        await Eventually.HoldsAsync(async () => (await teacher.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/lessons/mine", ct))
            .EnumerateArray().Any(l => l.GetProperty("title").GetString() == title), TimeSpan.FromMinutes(4));
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "teacher", $"/review/mine?campaign={campaign}");
        await Assertions.Expect(page.GetByTestId("campaign-rules")).ToContainTextAsync("课堂实录、教学设计、课件");
        await Assertions.Expect(page.GetByTestId("campaign-rules")).ToContainTextAsync("校级评审时间");
        await page.GetByTestId("my-lessons").Locator("li", new() { HasText = title }).GetByTestId("enter").ClickAsync();
        var entry = page.GetByTestId("my-submissions").Locator("li.mine-entry", new() { HasText = title });
        await Assertions.Expect(entry).ToContainTextAsync("缺少：教学设计、课件");
        await Assertions.Expect(entry).ToContainTextAsync("草稿（未提交）");
        await Assertions.Expect(entry).ToContainTextAsync("校级");
        await entry.GetByTestId("hand-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("还不能提交：缺少教学设计、课件");

        await entry.Locator("input[data-kind=design]").SetInputFilesAsync(design);
        await Assertions.Expect(entry).ToContainTextAsync("教学设计：教学设计.pdf");
        await entry.Locator("input[data-kind=courseware]").SetInputFilesAsync(courseware);
        await Assertions.Expect(entry).ToContainTextAsync("课件：课件.pptx");
        await health.AssertHealthyAsync($"my entries with a draft at {width} px");
        await BrowserSession.ScreenshotAsync(page, $"review-mine-{width}");
        await entry.GetByTestId("hand-in").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交" }).ClickAsync();
        await Assertions.Expect(entry).ToContainTextAsync("已提交，待分配评审");
        var mine = await teacher.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/submissions/mine", ct);
        Assert.Equal("submitted", mine.EnumerateArray().Single().GetProperty("state").GetString());
    }

    [Fact]
    public async Task AdminPage_AssignsShowsTheRankingAndTheScorePlot()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await session.Server.CreateClientForAsync("admin");
        var teacher2 = await session.Server.CreateClientForAsync("teacher2");
        var source = _folder.Combine("admin-entry.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "208x160");
        var lesson = await LessonApi.WaitForAcceptedAsync(teacher2, await LessonApi.UploadAsync(teacher2, source, "《三峡》参评课"));
        var (campaign, submission) = await HandedInAsync(admin, teacher2, lesson, "管理页测试", reviewersPerEntry: 1);

        var page = await session.SignedInPageAsync("admin", "/review/admin");
        var health = PageHealth.Watch(page);
        await page.GetByTestId("campaign").ClickAsync();
        await page.Locator(".t-select-option", new() { HasText = "2026 管理页测试" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("level").Locator("input")).ToHaveValueAsync("校级");
        await page.GetByTestId("assign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("已分配：1 件参评课，1 份评审任务");
        var reviewer = await session.Server.CreateClientForAsync("reviewer");
        var assignment = (await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", ct)).EnumerateArray().Single(a => a.GetProperty("submissionId").GetGuid() == submission);
        var scores = assignment.GetProperty("rubric").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("weight").GetDouble() * 0.9);
        (await reviewer.PutAsJsonAsync($"/api/review/assignments/{assignment.GetProperty("assignmentId").GetGuid()}", new { scores, final = true }, ct)).EnsureSuccessStatusCode();

        // The ranking is read again on picking the level (here the same one, so the page is reloaded instead).
        await page.ReloadAsync();
        var row = page.GetByTestId("results").Locator("tr", new() { HasText = "《三峡》参评课" });
        await Assertions.Expect(row).ToContainTextAsync("李老师");
        await Assertions.Expect(row).ToContainTextAsync("90（1 份）");
        var plot = page.GetByTestId("score-plot");
        await Assertions.Expect(plot.Locator(".bar-chart-canvas svg")).ToBeVisibleAsync();
        await Assertions.Expect(plot.Locator("tbody tr", new() { HasText = "90–100" })).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("reviewer-plot").Locator("tbody tr", new() { HasText = "赵评审" })).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("csv")).ToHaveAttributeAsync("href", $"/api/review/campaigns/{campaign}/statistics.csv");
        await health.AssertHealthyAsync("评选管理 with a scored entry at 1366 px");
        // Publishing before the public notice is refused (409), and said in Chinese on the page.
        await page.GetByTestId("publish").ClickAsync();
        await page.Locator(".t-dialog").GetByRole(AriaRole.Button, new() { Name = "发布结果" }).ClickAsync();
        await Assertions.Expect(page.Locator(".problem[role=alert]").First).ToContainTextAsync("还不能发布");
        Assert.Contains(health.FailedRequests, r => r.StartsWith("409 ", StringComparison.Ordinal) && r.EndsWith("/levels/school/publish", StringComparison.Ordinal));
        await BrowserSession.ScreenshotAsync(page, "review-admin");
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(plot.Locator(".bar-chart-canvas svg")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "review-admin-390");
    }

    /// <summary>A one-level campaign that asks for no materials, with the teacher's lesson handed in to it.</summary>
    private static async Task<(Guid Campaign, Guid Submission)> HandedInAsync(
        HttpClient admin, HttpClient teacher, Guid lesson, string name, int reviewersPerEntry, DateTimeOffset? closes = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var windows = closes is { } end ? new Dictionary<string, object> { ["school"] = new { opens = (DateTimeOffset?)null, closes = end } } : null;
        var created = await admin.PostAsJsonAsync("/api/review/campaigns", new
        {
            name, year = 2026, levels = new[] { "school" }, reviewersPerEntry, requiredDocuments = Array.Empty<string>(), standard = Lenient, windows,
        }, ct);
        var campaign = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var draft = await teacher.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = lesson }, ct);
        var submission = (await draft.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        (await teacher.PostAsync($"/api/review/submissions/{submission}/submit", null, ct)).EnsureSuccessStatusCode();
        return (campaign, submission);
    }

    private static readonly object Lenient = new { minMinutes = 0.01, maxMinutes = 45, minWidth = 160, minHeight = 120, minKbps = 1, videoCodec = "h264", audioCodec = "aac" };

    public void Dispose() => _folder.Dispose();
}
