using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>
/// The teacher's main task, in Chromium on a phone and on an office screen: upload a recording on the upload page,
/// open its editor, place it in the textbook with the picker, correct and add chapters, and see them on the lesson page.
/// </summary>
public sealed class LessonEditorPageTests(BrowserSession session) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempFolder _folder = new("editor");

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Teacher_UploadsPlacesWithThePickerAndEditsChapters_TheLessonShowsThem(int width)
    {
        var title = $"勾股定理的逆定理（{width}）";
        var source = _folder.Combine($"recording-{width}.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 14, size: "640x360", toneHz: width);
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "teacher", "/uploads");

        using var teacher = await session.Server.CreateClientForAsync("teacher");
        var (lessonId, edit) = await UploadOnThePageAsync(page, teacher, source, title);
        await edit.ClickAsync();

        await Assertions.Expect(page.GetByTestId("lesson-status")).ToHaveTextAsync("已发布");
        await Assertions.Expect(page.GetByTestId("placement")).ToContainTextAsync("还没有放到教材目录中");
        await health.AssertHealthyAsync($"the editor at {width} px");

        // The picker: search, pick a 课 inside its branch, confirm; the lesson now carries the whole path.
        await page.GetByTestId("open-picker").ClickAsync();
        await page.GetByTestId("picker-search").Locator("input").FillAsync("勾股定理的逆定理");
        await PickAsync(page, "勾股定理的逆定理");
        await Assertions.Expect(page.GetByTestId("picker-chosen")).ToContainTextAsync("初中 / 八年级");
        await health.AssertHealthyAsync($"the textbook picker at {width} px");
        if (width == 390)
        {
            await BrowserSession.ScreenshotAsync(page, "editor-picker-390", fullPage: false);
        }

        await page.GetByTestId("picker-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("placement")).ToContainTextAsync("第十七章 勾股定理 / 勾股定理的逆定理");

        // Chapters: name the suggested one, add a second; a time after the end is refused before anything is sent.
        var rows = page.GetByTestId("chapter-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await rows.Nth(0).GetByLabel("第 1 章标题").FillAsync("导入：回顾勾股定理");
        await page.GetByTestId("chapter-add").ClickAsync();
        await rows.Nth(1).GetByLabel("第 2 章开始时间").FillAsync("1:00");
        await rows.Nth(1).GetByLabel("第 2 章标题").FillAsync("新课：逆定理的证明");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("开始时间要早于视频结束");
        await Assertions.Expect(page.GetByTestId("chapters-save")).ToBeDisabledAsync();
        await rows.Nth(1).GetByLabel("第 2 章开始时间").FillAsync("0:06");
        await page.GetByTestId("chapters-save").ClickAsync();
        await Assertions.Expect(page.GetByText("章节已保存")).ToBeVisibleAsync();
        await health.AssertHealthyAsync($"the editor with two chapters at {width} px");
        await BrowserSession.ScreenshotAsync(page, $"editor-teacher-{width}", fullPage: false);

        var lesson = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}", TestContext.Current.CancellationToken);
        Assert.Equal("勾股定理的逆定理", lesson.GetProperty("lesson").GetString());
        Assert.Equal("第十七章 勾股定理", lesson.GetProperty("unit").GetString());
        Assert.Equal("初中", lesson.GetProperty("stage").GetString());
        var chapters = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}/chapters", TestContext.Current.CancellationToken);
        Assert.Equal([0.0, 6.0], chapters.EnumerateArray().Select(c => c.GetProperty("startSeconds").GetDouble()));

        await page.GotoAsync($"/lessons/{lessonId}");
        await Assertions.Expect(page.GetByTestId("chapters").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("chapters")).ToContainTextAsync("新课：逆定理的证明");
        await Assertions.Expect(page.GetByTestId("edit-lesson")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Teacher_PicksTheTextbookPlaceOnTheUploadPage_TheLessonArrivesPlaced()
    {
        var source = _folder.Combine("placed-on-upload.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 4, toneHz: 523);
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "teacher", "/uploads");

        await page.GetByTestId("open-picker").ClickAsync();
        await page.GetByTestId("picker-search").Locator("input").FillAsync("勾股定理的逆定理");
        await PickAsync(page, "勾股定理的逆定理");
        await page.GetByTestId("picker-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-placement")).ToContainTextAsync("第十七章 勾股定理 / 勾股定理的逆定理");
        await Assertions.Expect(page.Locator("input[name=unit]")).ToHaveValueAsync("第十七章 勾股定理");
        await Assertions.Expect(page.Locator("input[name=stage]")).ToHaveValueAsync("初中");
        await health.AssertHealthyAsync("the upload page after picking the place");

        using var teacher = await session.Server.CreateClientForAsync("teacher");
        var (lessonId, _) = await UploadOnThePageAsync(page, teacher, source, "逆定理（选好位置再上传）");
        var lesson = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}", TestContext.Current.CancellationToken);
        Assert.Equal(["初中", "八年级", "数学", "第十七章 勾股定理", "勾股定理的逆定理"],
            new[] { "stage", "grade", "subject", "unit", "lesson" }.Select(p => lesson.GetProperty(p).GetString()));
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Teacher_MyLessons_ShowsEachLessonsStateAndFindsByStatusAndTitle(int width)
    {
        using var teacher = await session.Server.CreateClientForAsync("teacher");
        var source = _folder.Combine($"mine-{width}.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "320x180", toneHz: width + 7);
        var title = $"我的课例页（{width}）";
        var lessonId = await LessonApi.PublishAsync(teacher, source, title);
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "teacher", "/");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "我的课例" }).ClickAsync();
        await BrowserSession.WaitForAddressAsync(page, url => url.EndsWith("/lessons/mine", StringComparison.Ordinal), "/lessons/mine");

        var row = page.GetByTestId("my-lessons").Locator("li", new() { HasText = title });
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("已发布");
        await Assertions.Expect(row.Locator("a.edit")).ToHaveAttributeAsync("href", $"/lessons/{lessonId}/edit");
        await Assertions.Expect(page.GetByTestId("status-filter")).ToContainTextAsync("处理失败 0");
        await health.AssertHealthyAsync($"my lessons at {width} px");
        await BrowserSession.ScreenshotAsync(page, $"my-lessons-{width}", fullPage: false);

        await page.GetByTestId("status-filter").GetByText("处理失败").ClickAsync();
        await Assertions.Expect(page.GetByTestId("my-lessons-empty")).ToContainTextAsync("没有符合条件的课例");
        await BrowserSession.WaitForAddressAsync(page, url => url.Contains("status=failed", StringComparison.Ordinal), "the filter in the address");
        await page.GetByTestId("status-filter").GetByText("已发布").ClickAsync();
        await page.GetByTestId("my-lessons-search").Locator("input").FillAsync($"课例页（{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("my-lessons").Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await health.AssertHealthyAsync($"my lessons filtered at {width} px");
    }

    [Fact]
    public async Task Teacher_OpensSomeoneElsesLessonEditor_IsToldInChineseAndGetsNoForm()
    {
        using var student = await session.Server.CreateClientForAsync("student");
        var found = await student.GetFromJsonAsync<JsonElement>("/api/catalog/search?pageSize=1", TestContext.Current.CancellationToken);
        var id = found.GetProperty("items")[0].GetProperty("id").GetGuid();
        var page = await session.NewPageAsync();
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "teacher2", $"/lessons/{id}/edit");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 60_000 });
        health.AssertNoErrors("someone else's lesson editor");

        await Assertions.Expect(page.GetByTestId("editor-problem")).ToHaveTextAsync("这节课不是您的，您可以观看但不能编辑。");
        Assert.Equal(0, await page.GetByTestId("details-save").CountAsync());
    }

    /// <summary>
    /// Clicks the 课 in the filtered picker until the dialog's footer names a choice. The tree animates the branches the
    /// search opened; on a busy machine a click can land on a node as it is replaced and do nothing, as a person's would,
    /// who then clicks again.
    /// </summary>
    private static async Task PickAsync(IPage page, string lesson)
    {
        var node = page.GetByTestId("textbook-picker").Locator(".node.level-lesson", new() { HasText = lesson }).First;
        for (var attempt = 1; ; attempt++)
        {
            await node.ClickAsync();
            try
            {
                await Assertions.Expect(page.GetByTestId("picker-chosen")).Not.ToHaveTextAsync("尚未选择", new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // Not taken: click again.
            }
        }
    }

    /// <summary>Uploads <paramref name="source"/> through the upload page's file input and waits until its lesson is published.</summary>
    /// <returns>The lesson and the upload row's link to its editor.</returns>
    private static async Task<(Guid LessonId, ILocator Edit)> UploadOnThePageAsync(IPage page, HttpClient teacher, string source, string title)
    {
        await page.Locator("input[name=title]").FillAsync(title);
        await page.Locator("#files").SetInputFilesAsync(source);
        var edit = page.GetByTestId("uploads").Locator("li", new() { HasText = Path.GetFileName(source) }).Locator("a.edit");
        await Assertions.Expect(edit).ToBeVisibleAsync();
        var lessonId = Guid.Parse((await edit.GetAttributeAsync("href"))!.Split('/')[2]);
        await WaitForPublishedAsync(teacher, lessonId);
        return (lessonId, edit);
    }

    private static async Task WaitForPublishedAsync(HttpClient client, Guid lessonId) =>
        await Eventually.HoldsAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}")).GetProperty("status").GetString() is "published",
            TimeSpan.FromMinutes(5), () => $"lesson {lessonId} was not published");

    public void Dispose() => _folder.Dispose();
}
