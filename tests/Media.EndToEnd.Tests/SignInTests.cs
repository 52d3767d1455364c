using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

public sealed class SignInTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task SignIn_DemoTeacher_SeesHomePageWithTheirName()
    {
        var page = await session.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "登录" }).First.ClickAsync();
        await page.GetByLabel("用户名").FillAsync("teacher");
        await page.GetByLabel("密码").FillAsync(MediaServerFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("welcome")).ToHaveTextAsync("欢迎，张老师");
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("张老师");
        Assert.Equal(session.BaseUrl + "/", page.Url);
        await BrowserSession.ScreenshotAsync(page, "home-teacher");
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnFormWithError()
    {
        var page = await session.NewPageAsync();

        await page.GotoAsync("/account/signin");
        await page.GetByLabel("用户名").FillAsync("teacher");
        await page.GetByLabel("密码").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("signin-error")).ToBeVisibleAsync();
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
    }
}

public sealed class UploadPageTests(BrowserSession session) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempFolder _folder = new("upload-page");

    [Fact]
    public async Task UploadPage_TeacherAddsAVideo_SeesItAcceptedWithoutReloading()
    {
        var video = _folder.Combine("背影-第一课时.mp4");
        await Ffmpeg.LessonAsync(video, seconds: 3);
        var page = await session.SignedInPageAsync("teacher", "/uploads");

        await page.GetByLabel("课题（留空则用文件名）").FillAsync("背影 第一课时");
        await page.GetByLabel("学科").FillAsync("语文");
        await page.Locator("#files").SetInputFilesAsync(video);

        var row = page.GetByTestId("uploads").Locator("li").First;
        await Assertions.Expect(row.Locator(".name")).ToHaveTextAsync("背影-第一课时.mp4");
        // Accepted, then transcoded with progress pushed to the page, then published; no reload in between.
        await Assertions.Expect(row.Locator("a.lesson")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("已发布", new() { Timeout = 60_000 });
        await BrowserSession.ScreenshotAsync(page, "uploads-teacher");

        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.GetByTestId("uploads").Locator("li").First.Locator(".name")).ToHaveTextAsync("背影 第一课时", new() { Timeout = 90_000 });
        // After a reload the row says where the lesson stands now, not only that the upload was received.
        await Assertions.Expect(page.GetByTestId("uploads").Locator("li").First.Locator(".state")).ToHaveTextAsync("已发布");
    }

    [Fact]
    public async Task UploadPage_APlaylistNamedMp4_IsRejectedWithAChineseReason_OnAPhone()
    {
        var playlist = _folder.Combine("第二课时.mp4");
        await File.WriteAllTextAsync(playlist, "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nsegment0.ts\n#EXT-X-ENDLIST\n", TestContext.Current.CancellationToken);
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "teacher", "/uploads");

        await page.Locator("#files").SetInputFilesAsync(playlist);
        var row = page.GetByTestId("uploads").Locator("li", new() { HasText = "第二课时.mp4" });
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("未通过", new() { Timeout = 90_000 });
        await Assertions.Expect(row.Locator(".detail")).ToContainTextAsync("这是 HLS 播放列表（m3u8），不是视频本身");
        await Assertions.Expect(row.Locator("a.lesson")).ToHaveCountAsync(0);
        await health.AssertHealthyAsync("the upload page with a rejected file at 390 px");
        await BrowserSession.ScreenshotAsync(page, "uploads-390");
    }

    public void Dispose() => _folder.Dispose();
}
