using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>
/// Every page, as each role sees it, on a phone (390×844) and an office screen (1366×900): nothing scrolls sideways,
/// nothing is logged as an error, no resource key shows instead of Chinese, and axe finds no serious or critical problem.
/// </summary>
public sealed class EveryPageTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    public static readonly TheoryData<string, string, int> Pages = new();

    static EveryPageTests()
    {
        (string User, string Path)[] pages =
        [
            ("", "/"), ("", "/account/signin"), ("", "/no-such-page"),
            ("student", "/"), ("student", "/catalog"), ("student", "/catalog/browse"), ("student", "/catalog/favourites"),
            ("student", "/classroom"), ("student", "/lessons/{catalog-only}"), ("student", "/no-such-page"),
            ("teacher", "/uploads"), ("teacher", "/lessons/mine"), ("teacher", "/lessons/{catalog-only}"), ("teacher", "/classroom"), ("teacher", "/review/mine"),
            ("reviewer", "/review"), ("admin", "/review/admin"), ("jinan-admin", "/review/admin"),
            ("admin", "/admin/people"), ("jinan-admin", "/review/campaigns/new"), ("jinan-admin", "/admin/people?tab=organisations"), ("jinan-admin", "/admin/people?tab=roster"),
            // The live room without Janus (a browser mesh) and, in headless Chromium, without a camera: the teacher is told why.
            ("teacher", "/classroom/{session}"), ("student", "/classroom/{session}"),
        ];
        foreach (var width in new[] { 390, 1366 })
        {
            foreach (var (user, path) in pages)
            {
                Pages.Add(user, path, width);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_AtPhoneAndOfficeWidths_FitsHasNoErrorsNoRawKeysAndNoSeriousAccessibilityProblem(string user, string path, int width)
    {
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
        var health = PageHealth.Watch(page);
        if (user.Length > 0)
        {
            await BrowserSession.SignInAsync(page, user);
        }

        var address = path.Contains("{catalog-only}", StringComparison.Ordinal) ? path.Replace("{catalog-only}", (await CatalogOnlyLessonAsync()).ToString(), StringComparison.Ordinal)
            : path.Contains("{session}", StringComparison.Ordinal) ? path.Replace("{session}", (await SessionAsync()).ToString(), StringComparison.Ordinal)
            : path;
        await page.GotoAsync(address);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 60_000 });

        var where = $"{address} at {width} px";
        await health.AssertFitsAsync(where);
        // The browser logs the 404 of the page's own address; anything else that fails is a defect of the page.
        if (path == "/no-such-page")
        {
            health.Errors.RemoveAll(e => e.Contains("404", StringComparison.Ordinal) && health.FailedRequests.SequenceEqual([$"404 {page.Url}"]));
            Assert.Equal(1, await page.GetByTestId("error-page").CountAsync());
        }

        health.AssertNoErrors(where);
        await health.AssertNoRawKeysAsync(where);
        Assert.False(string.IsNullOrWhiteSpace(await page.TitleAsync()), $"{address} has no title");
        await health.AssertAccessibleAsync(where);
        // A page with nothing in it yet says what to do next (this host starts with no campaign and no assignment).
        if (user == "reviewer" && path == "/review")
        {
            await Assertions.Expect(page.GetByTestId("review-queue").Locator(".empty")).ToContainTextAsync("暂时没有分配给您的课例");
        }

        if (path == "/review/admin" || (user == "teacher" && path == "/review/mine"))
        {
            await Assertions.Expect(page.GetByTestId("no-campaigns")).ToBeVisibleAsync();
        }

        if (path == "/classroom/{session}")
        {
            await Assertions.Expect(page.GetByTestId("participants")).ToContainTextAsync(user == "teacher" ? "主讲教师" : "学生");
            await Assertions.Expect(page.GetByTestId("leave")).ToBeVisibleAsync();
            if (user == "teacher")
            {
                await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("摄像头");
                await Assertions.Expect(page.GetByTestId("end")).ToBeVisibleAsync();
            }
        }

        if (path is "/" or "/catalog" or "/classroom/{session}" or "/review" or "/uploads" or "/review/admin")
        {
            await BrowserSession.ScreenshotAsync(page, $"{(user.Length > 0 ? user : "guest")}{path.Replace('/', '-').Replace("{session}", "room", StringComparison.Ordinal).TrimEnd('-')}-{width}", fullPage: false);
        }
    }

    [Fact]
    public async Task ApiReference_Administrator_LoadsEverythingFromTheHostItself()
    {
        var page = await session.NewPageAsync();
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(session.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };
        await BrowserSession.SignInAsync(page, "admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API 文档" }).First).ToBeVisibleAsync();

        await page.GotoAsync("/scalar/v1");
        await Assertions.Expect(page.GetByRole(AriaRole.Main, new() { NameRegex = new System.Text.RegularExpressions.Regex("API documentation") })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 60_000 });

        Assert.True(outside.Count == 0, $"the API reference asked for: {string.Join(", ", outside.Distinct())}");
    }

    [Fact]
    public async Task Menu_Student_HasNoApiReference()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, "student");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "课例资源" }).First).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "API 文档" }).CountAsync());
    }

    private static Guid? _session;

    /// <summary>One synchronous class for the room pages: the teacher hosts it, the student is invited.</summary>
    private async Task<Guid> SessionAsync()
    {
        if (_session is { } known)
        {
            return known;
        }

        using var teacher = await session.Server.CreateClientForAsync("teacher");
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(teacher, "/api/classroom/sessions", new
        {
            title = "同步课堂：勾股定理（两校）", kind = "synchronous-class", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(2),
            classrooms = new object[] { new { name = "历下实验中学 八年级(1)班" }, new { name = "青岛市实验小学 远端教室", coTeacher = "teacher2" } },
            invitees = new object[] { new { userName = "student", role = "student" } },
        }, TestContext.Current.CancellationToken);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content, TestContext.Current.CancellationToken);
        _session = body.GetProperty("id").GetGuid();
        return _session.Value;
    }

    private async Task<Guid> CatalogOnlyLessonAsync()
    {
        using var client = await session.Server.CreateClientForAsync("student");
        var result = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/api/catalog/search?pageSize=1", TestContext.Current.CancellationToken);
        return result.GetProperty("items")[0].GetProperty("id").GetGuid();
    }
}
