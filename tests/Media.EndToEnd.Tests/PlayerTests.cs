using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>A student watches a published lesson in Chromium (Plyr over hls.js): plays, changes quality and speed, resumes.</summary>
public sealed class PlayerTests(BrowserSession session) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempFolder _folder = new("player");

    private async Task<Guid> PublishedLessonAsync(int toneHz = 440)
    {
        var source = _folder.Combine($"watch-{toneHz}.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 14, size: "640x360", toneHz: toneHz);
        return await LessonApi.PublishAsync(await session.Server.CreateClientForAsync("teacher"), source, "背影（第一课时）");
    }

    /// <summary>A button of the player's control bar (Plyr's), by its accessible name.</summary>
    private static ILocator Control(IPage page, string name) =>
        page.Locator(".plyr__controls").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>
    /// Chooses in the player's settings menu, as a viewer does: 设置 (the pointer over the video first: while it plays,
    /// Plyr hides its controls until then), the setting, the option, until the option shows as chosen. After a choice
    /// the menu stays open and slides back to its first page; a click during that slide can miss, and a person would
    /// simply choose again, so this does too (three tries).
    /// </summary>
    private static async Task ChooseAsync(IPage page, string setting, string option, string plyrSetting, string value)
    {
        var menu = page.Locator(".plyr__menu__container");
        var choice = menu.GetByRole(AriaRole.Menuitemradio, new() { Name = option, Exact = true });
        // The option itself, also once the menu has slid back to its first page (then it is hidden, not gone).
        var chosen = page.Locator($".plyr__menu button[data-plyr='{plyrSetting}'][value='{value}']");
        for (var attempt = 1; ; attempt++)
        {
            if (!await menu.IsVisibleAsync())
            {
                await page.Locator(".plyr").HoverAsync();
                await Control(page, "设置").ClickAsync();
            }

            await menu.GetByRole(AriaRole.Menuitem, new() { Name = setting }).ClickAsync();
            await choice.ClickAsync();
            try
            {
                await Assertions.Expect(chosen).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // Chosen again from the menu's first page.
            }
        }
    }

    [Fact]
    public async Task Student_OnAPhone_UsesTheOneControlBar_PlaysPausesMutesTurnsOnCaptionsAndGoesFullScreen()
    {
        var lesson = await PublishedLessonAsync(toneHz: 660);
        var teacherApi = await session.Server.CreateClientForAsync("teacher");
        using var captions = new StringContent("1\n00:00:00,500 --> 00:00:09,000\n同学们好\n", System.Text.Encoding.UTF8, "application/x-subrip");
        (await teacherApi.PutAsync($"/api/lessons/{lesson}/captions/zh-CN?label=" + Uri.EscapeDataString("中文"), captions, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "student", $"/lessons/{lesson}");
        var video = page.GetByTestId("video");

        await Assertions.Expect(page.Locator(".plyr__controls")).ToBeVisibleAsync();
        Assert.False(await video.EvaluateAsync<bool>("v => v.controls"), "the browser's own controls would be a second scrub bar");
        await Control(page, "静音").ClickAsync();
        Assert.True(await video.EvaluateAsync<bool>("v => v.muted"));
        await Assertions.Expect(Control(page, "取消静音")).ToBeVisibleAsync();

        await Control(page, "播放").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('video')?.currentTime > 2", null, new() { Timeout = 180_000 });
        await Assertions.Expect(Control(page, "暂停")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".plyr__time--current")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0?0:(0[2-9]|1[0-4])$"));
        await Assertions.Expect(page.Locator(".plyr__time--duration")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0?0:1[34]$"));
        await Control(page, "暂停").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('video').paused", null, new() { Timeout = 60_000 });
        await Assertions.Expect(Control(page, "播放")).ToBeVisibleAsync();

        await Control(page, "显示字幕").ClickAsync();
        await Assertions.Expect(Control(page, "关闭字幕")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.mediaPlayer.plyr.currentTrack"));

        await Control(page, "全屏").ClickAsync();
        await page.WaitForFunctionAsync("() => document.fullscreenElement?.classList.contains('lesson-screen') === true", null, new() { Timeout = 60_000 });
        await Assertions.Expect(Control(page, "退出全屏")).ToBeAttachedAsync();
        await page.EvaluateAsync("() => document.exitFullscreen()");
        await page.WaitForFunctionAsync("() => document.fullscreenElement === null", null, new() { Timeout = 60_000 });

        await health.AssertHealthyAsync("the lesson page with its control bar at 390 px");
        await BrowserSession.ScreenshotAsync(page, "player-bar-390", fullPage: false);
    }

    [Fact]
    public async Task Student_WatchesLesson_PlaysSwitchesQualityAndSpeedAndResumes()
    {
        var lesson = await PublishedLessonAsync();
        var teacherApi = await session.Server.CreateClientForAsync("teacher");
        using var captions = new StringContent("1\n00:00:00,500 --> 00:00:05,000\n同学们好\n", System.Text.Encoding.UTF8, "application/x-subrip");
        (await teacherApi.PutAsync($"/api/lessons/{lesson}/captions/zh-CN?label=" + Uri.EscapeDataString("中文"), captions, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var chapters = new[] { new { startSeconds = 0.0, title = "导入" }, new { startSeconds = 6.0, title = "新课：<b>背影</b>" } };
        (await teacherApi.PutAsJsonAsync($"/api/lessons/{lesson}/chapters", chapters, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var page = await session.SignedInPageAsync("student", $"/lessons/{lesson}");
        var health = PageHealth.Watch(page);

        await Assertions.Expect(page.GetByTestId("lesson-title")).ToHaveTextAsync("背影（第一课时）");
        // Auto and the two rungs of the 360p source's ladder.
        await Assertions.Expect(page.Locator("button[data-plyr='quality']")).ToHaveCountAsync(3);
        await page.EvaluateAsync("() => { const v = document.getElementById('video'); v.muted = true; return v.play(); }");
        await page.WaitForFunctionAsync("() => document.getElementById('video')?.currentTime > 2", null, new() { Timeout = 180_000 });
        // The caption track loads and its cue is there (shown when the viewer turns subtitles on).
        await page.EvaluateAsync("() => { document.getElementById('video').textTracks[0].mode = 'hidden'; }");
        await page.WaitForFunctionAsync("() => document.getElementById('video').textTracks[0]?.cues?.[0]?.text === '同学们好'", null, new() { Timeout = 180_000 });
        Assert.Equal("中文", await page.EvaluateAsync<string>("() => document.getElementById('video').textTracks[0].label"));

        // Chosen while paused, as Plyr keeps its controls in place then (while playing they slide away until the
        // pointer moves, and on a busy machine a click chased them for minutes).
        await page.EvaluateAsync("() => document.getElementById('video').pause()");
        await ChooseAsync(page, "清晰度", "240p", "quality", "240");
        await ChooseAsync(page, "倍速", "1.5×", "speed", "1.5");
        await page.WaitForFunctionAsync("() => document.getElementById('video').playbackRate === 1.5", null, new() { Timeout = 30_000 });
        // Resume is offered between 5 s and 5 s before the end (9 s of 14): watching goes on from 3 s and stops in the
        // same frame it passes 7 s, once the player has switched to 240p.
        await page.EvaluateAsync("() => { document.getElementById('video').currentTime = 3; }");
        await page.WaitForFunctionAsync("() => { const h = window.mediaPlayer.hls; return h.levels[h.currentLevel]?.height === 240; }", null, new() { Timeout = 180_000 });
        await page.EvaluateAsync("() => document.getElementById('video').play()");
        await page.WaitForFunctionAsync(
            "() => { const v = document.getElementById('video'); if (v.currentTime <= 7) return false; v.pause(); return true; }",
            null, new() { Timeout = 180_000, PollingInterval = 50 });
        Assert.InRange(await page.EvaluateAsync<double>("() => document.getElementById('video').currentTime"), 7, 8.9);
        await Assertions.Expect(page.GetByTestId("chapters").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("chapters")).ToContainTextAsync("0:06 新课：<b>背影</b>");
        // A chapter after the start is a marker on the scrub bar; its title is shown as text, never as markup.
        await Assertions.Expect(page.Locator(".plyr__progress__marker")).ToHaveCountAsync(1);
        var progress = page.Locator(".plyr__progress");
        var box = (await progress.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width * 6f / 14), box.Y + (box.Height / 2));
        await page.Mouse.MoveAsync(box.X + (box.Width * 6.05f / 14), box.Y + (box.Height / 2));
        await Assertions.Expect(page.Locator(".plyr__preview-thumb")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".plyr__preview-thumb img").First).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("thumbnails\\.jpg\\?t="));
        Assert.Equal(0, await page.Locator(".plyr b").CountAsync());
        await BrowserSession.ScreenshotAsync(page, "player-student");
        await health.AssertHealthyAsync("the lesson page at 1366 px with the settings used");

        var teacher = await session.Server.CreateClientForAsync("teacher");
        var analytics = await WaitForViewAsync(teacher, lesson);
        Assert.Equal(1, analytics.GetProperty("views").GetInt32());
        Assert.True(analytics.GetProperty("watchSeconds").GetDouble() >= 3);
        Assert.True(analytics.GetProperty("dropOff")[4].GetProperty("viewers").GetInt32() == 1, analytics.ToString());

        var teacherPage = await session.SignedInPageAsync("teacher", $"/lessons/{lesson}/analytics");
        var teacherHealth = PageHealth.Watch(teacherPage);
        await Assertions.Expect(teacherPage.GetByTestId("views")).ToHaveTextAsync("1");
        // Ten bars (0 %, 10 % … 90 % of the lesson reached), their numbers also in the chart's table.
        await Assertions.Expect(teacherPage.GetByTestId("plot").Locator("tbody tr")).ToHaveCountAsync(10);
        await Assertions.Expect(teacherPage.GetByTestId("plot").Locator("tbody tr").First).ToContainTextAsync("0%1");
        await teacherHealth.AssertHealthyAsync("the lesson's viewing figures");
        await BrowserSession.ScreenshotAsync(teacherPage, "analytics-teacher");

        // Resume comes from the server, so it works from another browser (a fresh context has no local storage).
        var other = await session.SignedInPageAsync("student", $"/lessons/{lesson}");
        await other.WaitForFunctionAsync("() => document.getElementById('video')?.currentTime >= 6", null, new() { Timeout = 180_000 });
        await Assertions.Expect(other.GetByTestId("resumed")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Student_WatchesHalfAnHourWithoutABreak_PlayerPausesAndSuggestsARest()
    {
        var lesson = await PublishedLessonAsync();
        var page = await session.NewPageAsync();
        // The page's clock (timers, performance.now) is Playwright's, so half an hour can pass in a moment.
        await page.Clock.InstallAsync();
        await BrowserSession.SignInAsync(page, "student", $"/lessons/{lesson}");
        await Assertions.Expect(page.GetByTestId("lesson-title")).ToHaveTextAsync("背影（第一课时）");
        Assert.StartsWith("背影（第一课时） · ", await page.TitleAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("button[data-plyr='quality']")).ToHaveCountAsync(3);
        // The teacher has not allowed downloads: a student is not offered one.
        await Assertions.Expect(page.GetByTestId("download")).ToBeHiddenAsync();

        await page.EvaluateAsync("() => { const v = document.getElementById('video'); v.muted = true; v.loop = true; return v.play(); }");
        await page.WaitForFunctionAsync("() => document.getElementById('video')?.currentTime > 1", null, new() { Timeout = 180_000 });
        await page.Clock.FastForwardAsync((long)TimeSpan.FromMinutes(29).TotalMilliseconds);
        await Assertions.Expect(page.GetByTestId("rest")).ToBeHiddenAsync();
        await page.Clock.FastForwardAsync((long)TimeSpan.FromMinutes(2).TotalMilliseconds);

        await Assertions.Expect(page.GetByTestId("rest")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rest")).ToContainTextAsync("连续观看");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('video').paused"));
        await page.GetByRole(AriaRole.Button, new() { Name = "继续观看" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rest")).ToBeHiddenAsync();
        await page.WaitForFunctionAsync("() => !document.getElementById('video').paused", null, new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task Teacher_OwnLesson_IsOfferedTheDownload()
    {
        var lesson = await PublishedLessonAsync();
        var page = await session.SignedInPageAsync("teacher", $"/lessons/{lesson}");

        await Assertions.Expect(page.GetByTestId("download")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());
        Assert.Equal($"lesson-{lesson:N}.mp4", download.SuggestedFilename);
    }

    private static async Task<JsonElement> WaitForViewAsync(HttpClient teacher, Guid lesson)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var analytics = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/analytics", TestContext.Current.CancellationToken);
            // Heartbeats arrive every 10 s while playing and at each pause: wait for the pause's, which brings the 3 s
            // watched and the position past 40 % of the lesson.
            var arrived = analytics.GetProperty("views").GetInt32() > 0 && analytics.GetProperty("watchSeconds").GetDouble() >= 3
                && analytics.GetProperty("dropOff")[4].GetProperty("viewers").GetInt32() == 1;
            if (arrived || clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                return analytics;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => _folder.Dispose();
}
