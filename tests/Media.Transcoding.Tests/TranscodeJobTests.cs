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
        var lesson = await LessonApi.WaitForLessonAsync(client, await LessonApi.UploadAsync(client, source));

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
        Assert.True(transcode.GetProperty("integratedLoudness").GetDouble() < -5);
        var audio = await RunAsync("ffprobe", "-v", "error", "-protocol_whitelist", "file", "-show_entries", "stream=codec_type", "-of", "csv=p=0", Path.Combine(folder, "audio", "index.m3u8"));
        Assert.Equal(["audio"], audio.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct());
    }

    [Fact]
    public async Task ChaptersAndClips_TeacherEditsChaptersAndCutsAClipThatIsPublishedOnItsOwn()
    {
        var source = _folder.Combine("chaptered.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 20, size: "320x240");
        var teacher = await _server.CreateClientForAsync("teacher");
        var lessonId = await UploadAndWaitAsync(teacher, source);

        var suggested = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}/chapters", Ct);
        Assert.Equal(0, suggested[0].GetProperty("startSeconds").GetDouble());

        var edit = await teacher.PutAsJsonAsync($"/api/lessons/{lessonId}/chapters",
            new[] { new { startSeconds = 0.0, title = "导入" }, new { startSeconds = 8.0, title = "新授：勾股定理" } }, Ct);
        var unordered = await teacher.PutAsJsonAsync($"/api/lessons/{lessonId}/chapters",
            new[] { new { startSeconds = 0.0, title = "a" }, new { startSeconds = 30.0, title = "b" } }, Ct);
        var other = await (await _server.CreateClientForAsync("teacher2")).PutAsJsonAsync($"/api/lessons/{lessonId}/chapters",
            new[] { new { startSeconds = 0.0, title = "x" } }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unordered.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("新授：勾股定理", (await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}/chapters", Ct))[1].GetProperty("title").GetString());

        var tooShort = await teacher.PostAsJsonAsync($"/api/lessons/{lessonId}/clips", new { title = "x", startSeconds = 3.0, endSeconds = 4.0 }, Ct);
        var clipResponse = await teacher.PostAsJsonAsync($"/api/lessons/{lessonId}/clips", new { title = "知识点：勾股定理的证明", startSeconds = 8.0, endSeconds = 16.0 }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Created, clipResponse.StatusCode);
        var clipId = (await clipResponse.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var clip = await WaitAsync(async () =>
        {
            var l = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{clipId}", Ct);
            return l.GetProperty("status").GetString() is "published" or "failed" ? l : (JsonElement?)null;
        }, TimeSpan.FromSeconds(120));
        Assert.Equal("published", clip.GetProperty("status").GetString());
        Assert.Equal(lessonId.ToString(), clip.GetProperty("parentLessonId").GetString());
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(_server.DataPath, "blobs", "lessons", Guid.Parse(clipId!).ToString("N"))));
        var seconds = File.ReadLines(Path.Combine(folder, "240p", "index.m3u8")).Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[8..].TrimEnd(','), CultureInfo.InvariantCulture));
        Assert.InRange(seconds, 7.5, 8.5);
    }

    [Fact]
    public async Task Transcode_EncoderUnavailable_MarksLessonFailedWithFfmpegsReason()
    {
        // No NVIDIA GPU here: the nvenc path fails inside ffmpeg, which is exactly a failure to report.
        await using var server = new MediaServerFactory().With("Media:Transcoding:VideoEncoder", "h264_nvenc").With("Media:Transcoding:Attempts", "1");
        var source = _folder.Combine("gpu.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "320x240");
        var teacher = await server.CreateClientForAsync("teacher");

        var lessonId = await UploadAndWaitAsync(teacher, source, expected: "failed");

        var lesson = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}", Ct);
        var transcode = await teacher.GetFromJsonAsync<JsonElement>($"/api/transcodes/{lessonId}", Ct);
        Assert.StartsWith("ffmpeg exited with", lesson.GetProperty("processingError").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", transcode.GetProperty("state").GetString());
        Assert.False(Directory.Exists(Path.Combine(server.DataPath, "blobs", "lessons", lessonId.ToString("N"))) &&
            Directory.EnumerateFiles(Path.Combine(server.DataPath, "blobs", "lessons", lessonId.ToString("N")), "*", SearchOption.AllDirectories).Any());
    }

    private static async Task<Guid> UploadAndWaitAsync(HttpClient client, string file, string expected = "published")
    {
        var lesson = await LessonApi.WaitForLessonAsync(client, await LessonApi.UploadAsync(client, file));
        Assert.Equal(expected, lesson.GetProperty("status").GetString());
        return Guid.Parse(lesson.GetProperty("id").GetString()!);
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
