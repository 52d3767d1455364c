using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>
/// A student's home: a lesson they stopped at 0:20 of is under 继续观看 and opens the player there; a broadcast
/// scheduled for now is under 今日课堂 with a way in; the search box leads to the catalog's results; what their teacher
/// gave their class to watch is under 老师布置的课例.
/// </summary>
public sealed class HomePageTests(BrowserSession session) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempFolder _folder = new("home-page");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Student_SeesWhatToContinueAndTodaysClass_AndContinuesWhereTheyStopped(int width)
    {
        var teacher = await session.Server.CreateClientForAsync("teacher");
        var student = await session.Server.CreateClientForAsync("student");
        var source = _folder.Combine($"lesson-{width}.mp4");
        // Not the same bytes at both sizes: an identical upload would be the same lesson.
        await Ffmpeg.LessonAsync(source, seconds: width == 390 ? 40 : 41, size: "320x240");
        var lesson = await LessonApi.PublishAsync(teacher, source, $"浮力（{width}）");
        var heartbeat = await student.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 20, watchedSeconds = 10 }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, heartbeat.StatusCode);
        var now = DateTimeOffset.UtcNow;
        var scheduled = await teacher.PostAsJsonAsync("/api/classroom/sessions", new { title = $"名师课堂：浮力（{width}）", kind = "broadcast", startsAt = now, endsAt = now.AddHours(1) }, Ct);
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);

        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "student", "/");
        var item = page.GetByTestId("home-continue-item").Filter(new() { HasText = $"浮力（{width}）" });
        await Assertions.Expect(item).ToContainTextAsync("看到 0:20 / 0:4");
        var today = page.GetByTestId("home-session").Filter(new() { HasText = $"名师课堂：浮力（{width}）" });
        await Assertions.Expect(today).ToContainTextAsync("名师课堂（直播）");
        await Assertions.Expect(today.GetByTestId("home-join")).ToBeVisibleAsync();
        await health.AssertHealthyAsync($"the student's home at {width} px");
        await BrowserSession.ScreenshotAsync(page, $"home-student-{width}", fullPage: false);

        await item.Locator("a").ClickAsync();
        await BrowserSession.WaitForAddressAsync(page, url => url.Contains($"/lessons/{lesson}", StringComparison.Ordinal), $"/lessons/{lesson}");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=video]')?.currentTime >= 19", null, new() { Timeout = 90_000 });

        await page.GotoAsync("/");
        await page.GetByTestId("home-search").Locator("input").FillAsync("浮力");
        await page.GetByTestId("home-search").Locator("input").PressAsync("Enter");
        await BrowserSession.WaitForAddressAsync(page, url => url.Contains("/catalog?q=", StringComparison.Ordinal), "/catalog?q=浮力");
    }

    [Fact]
    public async Task ContinueWatching_LeavesOutWhatWasBarelyBegun_AndIsOnlyForTheSignedIn()
    {
        var teacher = await session.Server.CreateClientForAsync("teacher");
        var student = await session.Server.CreateClientForAsync("student");
        var source = _folder.Combine("short.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 12, size: "240x180");
        var lesson = await LessonApi.PublishAsync(teacher, source, "短课");
        (await student.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 4, watchedSeconds = 4 }, Ct)).EnsureSuccessStatusCode();
        Assert.DoesNotContain(await ContinuingAsync(student), c => c.GetProperty("lesson").GetProperty("id").GetGuid() == lesson);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Server.CreateClient().GetAsync("/api/me/continue-watching", Ct)).StatusCode);
    }

    /// <summary>
    /// A teacher gives a lesson to their class from the lesson page (class picked from the roster, a due day, a note);
    /// the class's student finds it on their home. Another school's teacher may not give it to that class; giving it
    /// again changes the due date instead of listing it twice.
    /// </summary>
    [Fact]
    public async Task Teacher_AssignsALessonToTheirClass_TheStudentSeesItOnTheirHome()
    {
        var teacher = await session.Server.CreateClientForAsync("teacher");
        var otherSchool = await session.Server.CreateClientForAsync("teacher2");
        var student = await session.Server.CreateClientForAsync("student");
        var source = _folder.Combine("assigned.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 7, size: "240x180");
        var lesson = await LessonApi.PublishAsync(teacher, source, "压强（布置）");

        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 900);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "teacher", $"/lessons/{lesson}");
        await page.GetByTestId("assign-lesson").ClickAsync();
        var dialog = page.GetByTestId("assign-dialog");
        await dialog.GetByTestId("assign-class").Filter(new() { HasText = "八年级(1)班" }).First.ClickAsync();
        await DatePickers.TypeAsync(dialog.GetByTestId("assign-due"), "2099-06-30");
        await dialog.GetByTestId("assign-note").Locator("input").FillAsync("看完后完成练习第 3 题");
        await health.AssertHealthyAsync("the assign dialog");
        await page.Locator(".t-dialog").GetByRole(AriaRole.Button, new() { Name = "布置", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".t-message", new() { HasText = "已布置给 1 个班级" })).ToBeVisibleAsync();

        var mine = (await student.GetFromJsonAsync<JsonElement>("/api/me/assigned-lessons", Ct)).EnumerateArray()
            .Single(a => a.GetProperty("lesson").GetProperty("id").GetGuid() == lesson);
        Assert.Equal("看完后完成练习第 3 题", mine.GetProperty("assignment").GetProperty("note").GetString());
        Assert.Equal("张老师", mine.GetProperty("assignedBy").GetString());
        var classId = mine.GetProperty("assignment").GetProperty("classId").GetGuid();

        var studentPage = await session.NewPageAsync();
        var studentHealth = PageHealth.Watch(studentPage);
        await BrowserSession.SignInAsync(studentPage, "student", "/");
        var item = studentPage.GetByTestId("home-assigned-item").Filter(new() { HasText = "压强（布置）" });
        await Assertions.Expect(item).ToContainTextAsync("看完后完成练习第 3 题");
        await Assertions.Expect(item).ToContainTextAsync("6月30日前看完");
        await Assertions.Expect(item).ToContainTextAsync("张老师 布置");
        await studentHealth.AssertHealthyAsync("the student's home with an assigned lesson");

        // The teacher sees who in the class has watched it and how far (王同学 stopped at 3.5 s of 7 s).
        (await student.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 3.5, watchedSeconds = 3.5 }, Ct)).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await page.GetByTestId("assign-progress").ClickAsync();
        var watchers = page.GetByTestId("assign-progress-class").Filter(new() { HasText = "八年级(1)班" });
        await Assertions.Expect(watchers).ToContainTextAsync("0/1 人已看完");
        await Assertions.Expect(watchers.GetByTestId("assign-progress-student").Filter(new() { HasText = "王同学" })).ToContainTextAsync("看到 50%");
        await health.AssertHealthyAsync("the class's watching");
        Assert.Empty((await otherSchool.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/class-assignments", Ct)).EnumerateArray());

        var refused = await otherSchool.PostAsJsonAsync($"/api/lessons/{lesson}/class-assignments", new { classIds = new[] { classId } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.PostAsJsonAsync($"/api/lessons/{lesson}/class-assignments", new { classIds = new[] { classId } }, Ct)).StatusCode);
        var past = await teacher.PostAsJsonAsync($"/api/lessons/{lesson}/class-assignments", new { classIds = new[] { classId }, dueAt = DateTimeOffset.UtcNow.AddDays(-1) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var again = await teacher.PostAsJsonAsync($"/api/lessons/{lesson}/class-assignments", new { classIds = new[] { classId } }, Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var listed = (await student.GetFromJsonAsync<JsonElement>("/api/me/assigned-lessons", Ct)).EnumerateArray()
            .Where(a => a.GetProperty("lesson").GetProperty("id").GetGuid() == lesson).ToList();
        Assert.Single(listed);
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("assignment").GetProperty("dueAt").ValueKind);

        var id = listed[0].GetProperty("assignment").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.DeleteAsync($"/api/class-assignments/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await teacher.DeleteAsync($"/api/class-assignments/{id}", Ct)).StatusCode);
        Assert.DoesNotContain((await student.GetFromJsonAsync<JsonElement>("/api/me/assigned-lessons", Ct)).EnumerateArray(),
            a => a.GetProperty("lesson").GetProperty("id").GetGuid() == lesson);
    }

    private static async Task<List<JsonElement>> ContinuingAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/me/continue-watching", Ct)).EnumerateArray().ToList();

    public void Dispose() => _folder.Dispose();
}
