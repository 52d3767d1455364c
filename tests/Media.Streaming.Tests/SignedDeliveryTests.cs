using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Streaming.Tests;

/// <summary>A published lesson played through signed URLs over real HTTP, by ffmpeg and by range requests.</summary>
public sealed class SignedDeliveryTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("delivery");
    private readonly MediaServerFactory _server = new();
    private string _baseUrl = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _baseUrl = _server.StartOnLoopback();
        return ValueTask.CompletedTask;
    }

    /// <summary>Uploads a generated lesson and waits until it is published (different sizes make different content: no dedup).</summary>
    private async Task<Guid> PublishedLessonAsync(HttpClient teacher, string size = "640x360", int seconds = 8)
    {
        var source = _folder.Combine($"lesson-{Guid.NewGuid():N}.mp4");
        await Ffmpeg.LessonAsync(source, seconds: seconds, size: size);
        return await LessonApi.PublishAsync(teacher, source);
    }

    [Fact]
    public async Task SignedMasterUrl_FfmpegOverHttp_DecodesEveryVariant()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher);
        var student = await _server.CreateClientForAsync("student");

        var playback = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/playback", Ct);
        var url = _baseUrl + playback.GetProperty("url").GetString();

        var probe = await TestProcess.RunAsync("ffprobe", ["-v", "error", "-protocol_whitelist", "http,tcp", "-show_entries", "stream=codec_type,height", "-of", "csv=p=0", url]);
        Assert.True(probe.ExitCode == 0, probe.Errors);
        Assert.Contains("video,360", probe.Output, StringComparison.Ordinal);
        Assert.Contains("video,240", probe.Output, StringComparison.Ordinal);
        Assert.Contains("audio", probe.Output, StringComparison.Ordinal);
        var decode = await TestProcess.RunAsync("ffmpeg", ["-v", "error", "-protocol_whitelist", "http,tcp", "-i", url, "-map", "0", "-f", "null", "-"]);
        Assert.True(decode.ExitCode == 0, decode.Errors);
    }

    [Fact]
    public async Task Tokens_TamperedCrossLessonOrMissing_Get403ProblemJson()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher);
        var other = await PublishedLessonAsync(teacher, "320x240");
        Assert.NotEqual(lesson, other);
        var playback = (await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/playback", Ct)).GetProperty("url").GetString()!;
        var anonymous = _server.CreateClient();

        var ok = await anonymous.GetAsync(playback, Ct);
        var tampered = await anonymous.GetAsync(playback[..^3] + (playback.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA"), Ct);
        var crossLesson = await anonymous.GetAsync(playback.Replace(lesson.ToString("N"), other.ToString("N"), StringComparison.Ordinal), Ct);
        var missing = await anonymous.GetAsync(playback.Split('?')[0], Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        foreach (var (name, refused) in new[] { ("tampered", tampered), ("cross-lesson", crossLesson), ("missing", missing) })
        {
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{name}: {refused.StatusCode} {refused.RequestMessage!.RequestUri}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.Contains("urn:media:problem:playback-token", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Segments_AreImmutableAndServeExactByteRanges()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher);
        var master = (await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/playback", Ct)).GetProperty("url").GetString()!;
        var client = _server.CreateClient();
        var token = master.Split("?t=")[1];
        var playlist = await client.GetStringAsync(master.Replace("master.m3u8", "360p/index.m3u8", StringComparison.Ordinal), Ct);
        var segmentLine = playlist.Split('\n').First(l => l.StartsWith("seg_", StringComparison.Ordinal));
        Assert.EndsWith("?t=" + token, segmentLine, StringComparison.Ordinal);
        var segmentUrl = $"/media/{lesson:N}/360p/{segmentLine}";
        var onDisk = await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(_server.DataPath, "blobs", "lessons", lesson.ToString("N")), segmentLine.Split('?')[0], SearchOption.AllDirectories)
            .Single(p => p.Contains("360p", StringComparison.Ordinal)), Ct);

        var whole = await client.GetAsync(segmentUrl, Ct);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, segmentUrl);
        ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(10, 99);
        var part = await client.SendAsync(ranged, Ct);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, segmentUrl);
        conditional.Headers.IfNoneMatch.ParseAdd(whole.Headers.ETag!.ToString());
        var notModified = await client.SendAsync(conditional, Ct);
        using var head = new HttpRequestMessage(HttpMethod.Head, segmentUrl);
        var headResponse = await client.SendAsync(head, Ct);
        using var beyond = new HttpRequestMessage(HttpMethod.Get, segmentUrl);
        beyond.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(onDisk.Length + 10, null);

        Assert.Equal(onDisk, await whole.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("public, max-age=31536000, immutable", whole.Headers.CacheControl!.ToString());
        Assert.Equal("video/iso.segment", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(onDisk[10..100], await part.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal($"bytes 10-99/{onDisk.Length}", part.Content.Headers.ContentRange!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(onDisk.Length, headResponse.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await client.SendAsync(beyond, Ct)).StatusCode);
    }

    [Fact]
    public async Task Playback_UnpublishedOrUnknownLesson_Returns404()
    {
        var student = await _server.CreateClientForAsync("student");

        var response = await student.GetAsync($"/api/lessons/{Guid.NewGuid()}/playback", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Heartbeats_CountOneViewPerViewerPerDayAndFeedCompletion()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher, "480x270");
        var student = await _server.CreateClientForAsync("student");
        var reviewer = await _server.CreateClientForAsync("reviewer");

        foreach (var (at, watched) in new[] { (2.0, 2.0), (5.0, 3.0), (7.6, 2.6) })
        {
            // Watching takes time: the server credits no more than the clock allows since the last heartbeat.
            _server.Clock.Advance(TimeSpan.FromSeconds(watched));
            Assert.Equal(HttpStatusCode.NoContent, (await student.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = at, watchedSeconds = watched }, Ct)).StatusCode);
        }

        await reviewer.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 3.0, watchedSeconds = 3.0 }, Ct);
        var beyond = await student.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 500.0, watchedSeconds = 1.0 }, Ct);
        var tooMuch = await student.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 1.0, watchedSeconds = 3600.0 }, Ct);
        var analytics = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/analytics", Ct);
        var position = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/position", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Equal(2, analytics.GetProperty("views").GetInt32());
        Assert.Equal(2, analytics.GetProperty("viewers").GetInt32());
        Assert.Equal(11, analytics.GetProperty("watchSeconds").GetDouble(), 0.5);
        Assert.Equal(0.5, analytics.GetProperty("completionRate").GetDouble());
        Assert.Equal([2, 2, 2, 2, 1, 1, 1, 1, 1, 1], analytics.GetProperty("dropOff").EnumerateArray().Select(p => p.GetProperty("viewers").GetInt32()));
        Assert.Equal(7.6, position.GetProperty("positionSeconds").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await student.GetAsync($"/api/lessons/{lesson}/analytics", Ct)).StatusCode);
    }

    [Fact]
    public async Task Heartbeats_ClaimingMoreThanTheClockAllows_InflateNeitherWatchTimeNorCompletion()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher, "320x180", seconds: 30);
        var student = await _server.CreateClientForAsync("student");

        // 50 claims of 60 s on a 30 s lesson in one instant (the host's clock stands still, however slow the machine).
        using (_server.Clock.Freeze())
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await student.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 29.0, watchedSeconds = 60.0 }, Ct)).StatusCode);
            }
        }

        var analytics = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/analytics", Ct);
        // Only the first heartbeat's allowance is credited: no time passed for the other 49.
        Assert.Equal(12, analytics.GetProperty("watchSeconds").GetDouble());
        Assert.Equal(0, analytics.GetProperty("completionRate").GetDouble());
        Assert.Equal(1, analytics.GetProperty("views").GetInt32());
    }

    [Fact]
    public async Task Download_AllowedByTeacher_GivesACountedFaststartMp4()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher, "400x224");
        var student = await _server.CreateClientForAsync("student");

        var before = await student.GetAsync($"/api/lessons/{lesson}/download", Ct);
        var allow = await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/download-policy", new { allowDownload = true }, Ct);
        var notOwner = await student.PutAsJsonAsync($"/api/lessons/{lesson}/download-policy", new { allowDownload = true }, Ct);
        var link = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/download", Ct);
        var file = await _server.CreateClient().GetAsync(link.GetProperty("url").GetString(), Ct);
        var path = _folder.Combine("downloaded.mp4");
        await File.WriteAllBytesAsync(path, await file.Content.ReadAsByteArrayAsync(Ct), Ct);
        var again = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/download", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Contains("urn:media:problem:download-not-allowed", await before.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allow.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(1, again.GetProperty("downloads").GetInt32());
        var probe = await TestProcess.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name:format=duration", "-of", "csv=p=0", path]);
        Assert.Contains("h264", probe.Output, StringComparison.Ordinal);
        Assert.Contains("aac", probe.Output, StringComparison.Ordinal);
        // faststart: the index (moov) comes before the media data, so playback starts before the download ends.
        var text = System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(path, Ct));
        Assert.True(text.IndexOf("moov", StringComparison.Ordinal) < text.IndexOf("mdat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_PlaybackTokenOpensNoMp4_AndOneViewersRangesCountOnce()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher, "320x180");
        var student = await _server.CreateClientForAsync("student");
        var anonymous = _server.CreateClient();
        var playback = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/playback", Ct);
        var playToken = new Uri("http://x" + playback.GetProperty("url").GetString()).Query;

        // Downloads not allowed: a playback token does not open the MP4.
        var bypass = await anonymous.GetAsync($"/media/{lesson:N}/download.mp4{playToken}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, bypass.StatusCode);
        Assert.Contains("urn:media:problem:playback-token", await bypass.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/download-policy", new { allowDownload = true }, Ct)).StatusCode);
        var link = (await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/download", Ct)).GetProperty("url").GetString()!;
        var downloadToken = new Uri("http://x" + link).Query;
        // ... nor does a download token open the ladder.
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync($"/media/{lesson:N}/master.m3u8{downloadToken}", Ct)).StatusCode);
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, link);
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
            Assert.Equal(HttpStatusCode.PartialContent, (await anonymous.SendAsync(request, Ct)).StatusCode);
        }

        var counted = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/download", Ct);
        Assert.Equal(1, counted.GetProperty("downloads").GetInt32());
    }

    [Fact]
    public async Task SchoolOnlyLesson_OtherSchoolsReachNoneOfItsSideData()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher, "256x144");
        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "school" }, Ct)).StatusCode);
        var outsider = await _server.CreateClientForAsync("teacher2"); // 青岛市实验小学, not the teacher's school

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["lesson"] = (await outsider.GetAsync($"/api/lessons/{lesson}", Ct)).StatusCode,
            ["chapters"] = (await outsider.GetAsync($"/api/lessons/{lesson}/chapters", Ct)).StatusCode,
            ["engagement"] = (await outsider.GetAsync($"/api/lessons/{lesson}/engagement", Ct)).StatusCode,
            ["access"] = (await outsider.GetAsync($"/api/lessons/{lesson}/access", Ct)).StatusCode,
            ["rating"] = (await outsider.PutAsJsonAsync($"/api/lessons/{lesson}/rating", new { stars = 1 }, Ct)).StatusCode,
            ["favourite"] = (await outsider.PutAsync($"/api/lessons/{lesson}/favourite", null, Ct)).StatusCode,
            ["heartbeat"] = (await outsider.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 2.0, watchedSeconds = 2.0 }, Ct)).StatusCode,
        };

        Assert.All(answers, answer => Assert.True(answer.Value == HttpStatusCode.NotFound, $"{answer.Key}: {answer.Value}"));
        var analytics = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/analytics", Ct);
        Assert.Equal(0, analytics.GetProperty("views").GetInt32());
        var engagement = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/engagement", Ct);
        Assert.Equal(0, engagement.GetProperty("ratingCount").GetInt32());
    }

    [Fact]
    public async Task AccessLevels_DecideWhoGetsAPlaybackUrl()
    {
        // Demo organisations: teacher and student at 历下实验中学 (济南); reviewer at 育英中学 (济南);
        // teacher2 and reviewer2 at 青岛市实验小学 (青岛).
        var teacher = await _server.CreateClientForAsync("teacher");
        var lesson = await PublishedLessonAsync(teacher, "352x198");
        var clients = new Dictionary<string, HttpClient>();
        foreach (var name in new[] { "student", "reviewer", "teacher2", "reviewer2", "admin" })
        {
            clients[name] = await _server.CreateClientForAsync(name);
        }

        clients["anonymous"] = _server.CreateClient();
        clients["teacher"] = teacher;

        async Task<string> WhoMayWatchAsync(string level)
        {
            Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level }, Ct)).StatusCode);
            var allowed = new List<string>();
            foreach (var (name, client) in clients.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                var response = await client.GetAsync($"/api/lessons/{lesson}/playback", Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    allowed.Add(name);
                }
                else
                {
                    Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                }
            }

            return string.Join(",", allowed);
        }

        Assert.Equal("admin,anonymous,reviewer,reviewer2,student,teacher,teacher2", await WhoMayWatchAsync("public"));
        Assert.Equal("admin,reviewer,reviewer2,student,teacher,teacher2", await WhoMayWatchAsync("signed-in"));
        Assert.Equal("admin,student,teacher", await WhoMayWatchAsync("school"));
        Assert.Equal("admin,reviewer,student,teacher", await WhoMayWatchAsync("region"));
        Assert.Equal("admin,reviewer,reviewer2,teacher", await WhoMayWatchAsync("reviewers"));
        Assert.Equal(HttpStatusCode.BadRequest, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "friends" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clients["teacher2"].PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "public" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Captions_TeacherUploadsSubRip_ViewersGetWebVttUnderTheAccessLevel()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var student = await _server.CreateClientForAsync("student");
        var lesson = await PublishedLessonAsync(teacher, "352x198");
        using var srt = new StringContent("1\n00:00:01,000 --> 00:00:03,000\n同学们好\n", System.Text.Encoding.UTF8, "application/x-subrip");

        var stranger = await student.PutAsync($"/api/lessons/{lesson}/captions/zh-CN", new StringContent("00:00:01.000 --> 00:00:02.000\nx\n"), Ct);
        var bad = await teacher.PutAsync($"/api/lessons/{lesson}/captions/zh-CN", new StringContent("no cues here"), Ct);
        var badTag = await teacher.PutAsync($"/api/lessons/{lesson}/captions/not a tag", new StringContent("00:00:01.000 --> 00:00:02.000\nx\n"), Ct);
        var stored = await teacher.PutAsync($"/api/lessons/{lesson}/captions/zh-CN?label=" + Uri.EscapeDataString("中文字幕"), srt, Ct);
        var list = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/captions", Ct);
        var vtt = await student.GetAsync($"/api/lessons/{lesson}/captions/zh-CN.vtt", Ct);

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("no cues found", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badTag.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("中文字幕", list[0].GetProperty("label").GetString());
        Assert.Equal("text/vtt", vtt.Content.Headers.ContentType!.MediaType);
        Assert.Equal("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n同学们好\n\n", await vtt.Content.ReadAsStringAsync(Ct));

        await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "school" }, Ct);
        var otherSchool = await _server.CreateClientForAsync("teacher2");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSchool.GetAsync($"/api/lessons/{lesson}/captions/zh-CN.vtt", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.CreateClient().GetAsync($"/api/lessons/{lesson}/captions", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await teacher.DeleteAsync($"/api/lessons/{lesson}/captions/zh-CN", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/api/lessons/{lesson}/captions/zh-CN.vtt", Ct)).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
