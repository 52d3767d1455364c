using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Transcoding.Tests;

/// <summary>An uploaded 20 s lesson becomes a published HLS ladder that ffmpeg plays end to end.</summary>
public sealed class TranscodeJobTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("transcode");
    private readonly MediaServerFactory _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Upload_TwentySecondLesson_PublishesAPlayableAlignedLadderCappedAtTheSource()
    {
        var source = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 20, size: "640x360");
        var client = await _server.CreateClientForAsync("teacher");
        var content = await File.ReadAllBytesAsync(source, Ct);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/") { Content = new ByteArrayContent(content) };
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", content.Length.ToString(CultureInfo.InvariantCulture));
        create.Content.Headers.ContentType = new("application/offset+octet-stream");
        var url = (await client.SendAsync(create, Ct)).Headers.Location!.OriginalString;

        var lesson = await WaitAsync(async () =>
        {
            var status = await client.GetFromJsonAsync<JsonElement>(url + "/status", Ct);
            if (status.GetProperty("lessonId").ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var l = await client.GetFromJsonAsync<JsonElement>($"/api/lessons/{status.GetProperty("lessonId").GetString()}", Ct);
            return l.GetProperty("status").GetString() is "published" or "failed" ? l : (JsonElement?)null;
        }, TimeSpan.FromSeconds(120));

        Assert.Equal("published", lesson.GetProperty("status").GetString());
        var id = Guid.Parse(lesson.GetProperty("id").GetString()!);
        var transcode = await client.GetFromJsonAsync<JsonElement>($"/api/transcodes/{id}", Ct);
        Assert.Equal(100, transcode.GetProperty("percent").GetDouble());
        Assert.Equal(["640x360", "426x240"], transcode.GetProperty("renditions").EnumerateArray().Select(r => r.GetString()));

        var published = Directory.GetDirectories(Path.Combine(_server.DataPath, "blobs", "lessons", id.ToString("N")));
        var folder = Assert.Single(published);
        var master = await File.ReadAllTextAsync(Path.Combine(folder, "master.m3u8"), Ct);
        Assert.Contains("RESOLUTION=640x360", master, StringComparison.Ordinal);
        Assert.Contains("RESOLUTION=426x240", master, StringComparison.Ordinal);
        Assert.DoesNotContain("854x480", master, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "poster.jpg")));
        Assert.StartsWith("WEBVTT", await File.ReadAllTextAsync(Path.Combine(folder, "thumbnails.vtt"), Ct), StringComparison.Ordinal);

        var keyframes = new List<double[]>();
        foreach (var variant in new[] { "360p", "240p" })
        {
            var playlist = Path.Combine(folder, variant, "index.m3u8");
            var durations = File.ReadLines(playlist).Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
                .Select(l => double.Parse(l[8..].TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(5, durations.Count);
            Assert.All(durations.SkipLast(1), d => Assert.InRange(d, 3.5, 4.5));
            Assert.InRange(durations.Sum(), 19.5, 20.5);

            var decode = await RunAsync("ffmpeg", "-v", "error", "-protocol_whitelist", "file", "-i", playlist, "-f", "null", "-");
            Assert.True(decode.ExitCode == 0, decode.Errors);
            var packets = await RunAsync("ffprobe", "-v", "error", "-protocol_whitelist", "file", "-select_streams", "v:0",
                "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", playlist);
            var frames = packets.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.InRange(frames.Length, 495, 505);
            keyframes.Add(frames.Where(f => f.Contains('K', StringComparison.Ordinal))
                .Select(f => Math.Round(double.Parse(f.Split(',')[0], CultureInfo.InvariantCulture), 2)).ToArray());
        }

        Assert.Equal(keyframes[0], keyframes[1]);
        Assert.Equal([0, 4, 8, 12, 16], keyframes[0].Select(t => Math.Round(t - keyframes[0][0])));
        var audio = await RunAsync("ffprobe", "-v", "error", "-protocol_whitelist", "file", "-show_entries", "stream=codec_type", "-of", "csv=p=0", Path.Combine(folder, "audio", "index.m3u8"));
        Assert.Equal(["audio"], audio.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct());
    }

    private static async Task<JsonElement> WaitAsync(Func<Task<JsonElement?>> poll, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await poll() is { } done)
            {
                return done;
            }

            Assert.True(clock.Elapsed < timeout, "timed out waiting for the lesson to be published");
            await Task.Delay(250, Ct);
        }
    }

    private static Task<ProcessResult> RunAsync(string file, params string[] arguments) => TestProcess.RunAsync(file, arguments);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
