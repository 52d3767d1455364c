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
        await page.WaitForFunctionAsync("() => window.classroom?.coWatch !== undefined", null, new() { Timeout = 180_000 });
        return page;
    }

    // Position, the page's clock (ms since the epoch) and the rate it advances at (0 when paused).
    private static Task<double[]> SampleAsync(IPage page) => page.EvaluateAsync<double[]>(
        "() => { const v = window.classroom.coWatch.video; return [v.currentTime, performance.timeOrigin + performance.now(), v.paused ? 0 : v.playbackRate]; }");

    private static async Task<double> GapAsync(IPage a, IPage b)
    {
        // Two evaluations never run at the same instant (under load they can be far apart), so each position is
        // carried forward to the later sample's clock before comparing: the gap is between the players, not the reads.
        var samples = await Task.WhenAll(SampleAsync(a), SampleAsync(b));
        var at = Math.Max(samples[0][1], samples[1][1]);
        static double PositionAt(double[] sample, double at) => sample[0] + ((at - sample[1]) / 1000 * sample[2]);
        return Math.Abs(PositionAt(samples[0], at) - PositionAt(samples[1], at));
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
        await peer.WaitForFunctionAsync("() => !window.classroom.coWatch.video.paused && window.classroom.coWatch.video.currentTime > 1", null, new() { Timeout = 180_000 });
        await Task.Delay(1500, ct);
        Assert.InRange(await GapAsync(host, peer), 0, 0.5);

        await host.EvaluateAsync("() => { window.classroom.coWatch.video.currentTime = 20; }");
        await peer.WaitForFunctionAsync("() => window.classroom.coWatch.video.currentTime > 19.5", null, new() { Timeout = 180_000 });
        await Task.Delay(1000, ct);
        Assert.InRange(await GapAsync(host, peer), 0, 0.5);

        await host.EvaluateAsync("() => window.classroom.coWatch.video.pause()");
        await peer.WaitForFunctionAsync("() => window.classroom.coWatch.video.paused", null, new() { Timeout = 180_000 });
        await Task.Delay(500, ct);
        Assert.InRange(await GapAsync(host, peer), 0, 0.5);

        await peer.GetByTestId("comment-input").Locator("input").FillAsync("这里的提问设计很好");
        await peer.Locator(".comment-form button").ClickAsync();
        await Assertions.Expect(host.GetByTestId("comments").Locator("li")).ToContainTextAsync("这里的提问设计很好");
        await BrowserSession.ScreenshotAsync(host, "cowatch-host");
    }

    public void Dispose() => _folder.Dispose();
}
