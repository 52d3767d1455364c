using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>Teaching research: two teachers' browsers watch one lesson; the host's play, seek and pause carry over.</summary>
public sealed class CoWatchingTests(BrowserSession session) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempFolder _folder = new("cowatch");

    private async Task<IPage> EnterAsync(string userName, Guid id)
    {
        var page = await session.SignedInPageAsync(userName, $"/classroom/{id}");
        await page.WaitForFunctionAsync("() => window.classroom?.coWatch !== undefined", null, new() { Timeout = 90_000 });
        return page;
    }

    private static Task<double> TimeAsync(IPage page) => page.EvaluateAsync<double>("() => window.classroom.coWatch.video.currentTime");

    private static async Task<double> GapAsync(IPage a, IPage b)
    {
        // Read both as close together as the two pages allow.
        var times = await Task.WhenAll(TimeAsync(a), TimeAsync(b));
        return Math.Abs(times[0] - times[1]);
    }

    [Fact]
    public async Task CoWatching_HostPlaysSeeksAndPauses_TheOtherBrowserStaysWithinHalfASecond()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 30, size: "320x180");
        var teacher = await session.Server.CreateClientForAsync("teacher");
        var lesson = await LessonApi.PublishAsync(teacher, source, "教研课例");
        var created = await teacher.PostAsJsonAsync("/api/classroom/sessions", new
        {
            title = "网络教研：教研课例",
            kind = "teaching-research",
            lessonId = lesson,
            startsAt = DateTimeOffset.UtcNow,
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            invitees = new[] { new { userName = "teacher2", role = "researcher" } },
        }, ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var host = await EnterAsync("teacher", id);
        var peer = await EnterAsync("teacher2", id);

        await host.EvaluateAsync("() => { const v = window.classroom.coWatch.video; v.muted = true; return v.play(); }");
        await peer.WaitForFunctionAsync("() => !window.classroom.coWatch.video.paused && window.classroom.coWatch.video.currentTime > 1", null, new() { Timeout = 90_000 });
        await Task.Delay(1500, ct);
        Assert.InRange(await GapAsync(host, peer), 0, 0.5);

        await host.EvaluateAsync("() => { window.classroom.coWatch.video.currentTime = 20; }");
        await peer.WaitForFunctionAsync("() => window.classroom.coWatch.video.currentTime > 19.5", null, new() { Timeout = 90_000 });
        await Task.Delay(1000, ct);
        Assert.InRange(await GapAsync(host, peer), 0, 0.5);

        await host.EvaluateAsync("() => window.classroom.coWatch.video.pause()");
        await peer.WaitForFunctionAsync("() => window.classroom.coWatch.video.paused", null, new() { Timeout = 90_000 });
        await Task.Delay(500, ct);
        Assert.InRange(await GapAsync(host, peer), 0, 0.5);

        await peer.GetByTestId("comment-input").FillAsync("这里的提问设计很好");
        await peer.Locator(".comment-form button").ClickAsync();
        await Assertions.Expect(host.GetByTestId("comments").Locator("li")).ToContainTextAsync("这里的提问设计很好");
        await BrowserSession.ScreenshotAsync(host, "cowatch-host");
    }

    public void Dispose() => _folder.Dispose();
}
