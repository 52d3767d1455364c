using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Hangfire;
using Media.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Ingest.Tests;

/// <summary>
/// Every kind of hostile or non-video file is refused with a clear reason; ffprobe never follows a
/// reference inside one (a local listener sees no request), no job is enqueued and no lesson is created.
/// </summary>
public sealed class HostileMediaTests(MediaServerFactory factory) : IClassFixture<MediaServerFactory>, IDisposable
{
    private readonly TempFolder _folder = new("hostile");

    [Fact]
    public async Task Upload_HostileCorpus_EachRejectedWithoutTouchingAnything()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var accepted = await listener.AcceptTcpClientAsync(CancellationToken.None);
                Interlocked.Increment(ref connections);
            }
        }, CancellationToken.None);
        var corpus = await HostileMedia.CreateAsync(_folder, port);
        var client = await factory.CreateClientForAsync("teacher");
        var passwd = await File.ReadAllTextAsync("/etc/passwd", ct);

        var verdicts = new Dictionary<string, UploadStatus>();
        foreach (var (name, content) in corpus)
        {
            var url = await TusHttp.UploadAsync(client, content, name);
            verdicts[name] = await TusHttp.WaitForVerdictAsync(client, url);
        }

        Assert.All(verdicts, pair =>
        {
            Assert.True(pair.Value.State == "rejected", $"{pair.Key}: {pair.Value.State}");
            Assert.False(string.IsNullOrWhiteSpace(pair.Value.Error), pair.Key);
            Assert.Null(pair.Value.LessonId);
            Assert.DoesNotContain("root:", pair.Value.Error, StringComparison.Ordinal);
        });
        Assert.Contains("HLS playlist", verdicts["passwd-playlist.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("concat list", verdicts["concat.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("image", verdicts["still.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("empty", verdicts["empty.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("incomplete", verdicts["truncated.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("at most 04:00:00", verdicts["ten-hours-1x1.avi"].Error, StringComparison.Ordinal);
        Assert.Contains("no video stream", verdicts["audio-only.mp4"].Error, StringComparison.Ordinal);
        // Each refusal also has a code the pages say in the reader's language.
        Assert.Equal(
            ["playlist", "concat", "image", "empty", "incomplete", "too-long", "no-video"],
            new[] { "passwd-playlist.mp4", "concat.mp4", "still.mp4", "empty.mp4", "truncated.mp4", "ten-hours-1x1.avi", "audio-only.mp4" }.Select(n => verdicts[n].ErrorCode));
        Assert.All(verdicts, pair => Assert.False(string.IsNullOrEmpty(pair.Value.ErrorCode), pair.Key));

        Assert.Equal(0, connections);
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        Assert.Equal(0, stats.Enqueued + stats.Scheduled + stats.Processing + stats.Succeeded + stats.Failed);
        var lessonsFolderJson = JsonSerializer.Serialize(verdicts);
        Assert.DoesNotContain(passwd.Split('\n')[0], lessonsFolderJson, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>The other side of the allow-list: ordinary lesson files in each accepted container pass.</summary>
public sealed class AcceptedMediaTests(MediaServerFactory factory) : IClassFixture<MediaServerFactory>, IDisposable
{
    private readonly TempFolder _folder = new("accepted");

    [Theory]
    [InlineData("mp4", "mp4", new[] { "-c", "copy" })]
    [InlineData("mkv", "mkv", new[] { "-c", "copy" })]
    [InlineData("ts", "ts", new[] { "-c", "copy" })]
    [InlineData("flv", "flv", new[] { "-c", "copy" })]
    [InlineData("mov", "mov", new[] { "-c", "copy", "-f", "mov" })]
    [InlineData("webm", "webm", new[] { "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus" })]
    [InlineData("avi", "avi", new[] { "-c:v", "mpeg4", "-c:a", "mp3" })]
    public async Task Upload_ValidLesson_IsAcceptedAsALessonDraft(string extension, string container, string[] conversion)
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _folder.Combine("source.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3);
        var file = _folder.Combine("lesson." + extension);
        await Ffmpeg.RunAsync(["-i", source, .. conversion, file]);
        var client = await factory.CreateClientForAsync("teacher");
        var content = await File.ReadAllBytesAsync(file, ct);

        var url = await TusHttp.CreateAsync(client, content.Length, TusHttp.Metadata(("filename", "lesson." + extension), ("title", $"背影（{container}）"), ("subject", "语文")), content);
        var status = await TusHttp.WaitForVerdictAsync(client, url);

        Assert.True(status.State == "accepted", $"{container}: {status.State} {status.Error}");
        var lesson = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/lessons/{status.LessonId}", ct);
        Assert.Equal($"背影（{container}）", lesson.GetProperty("title").GetString());
        Assert.Contains(lesson.GetProperty("status").GetString(), new[] { "draft", "processing", "published" });
        Assert.Equal("语文", lesson.GetProperty("subject").GetString());
        Assert.Equal(320, lesson.GetProperty("width").GetInt32());
    }

    public void Dispose() => _folder.Dispose();
}
