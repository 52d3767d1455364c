using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Streaming.Tests;

/// <summary>
/// The scaled way of sending segments: nginx in front, the API checks the token and hands the file to nginx
/// (X-Accel-Redirect into an internal location over the blob folder), nginx sends the bytes.
/// </summary>
public sealed class AcceleratedDeliveryTests : IAsyncLifetime
{
    private const string Prefix = "/_media-files/";
    private readonly TempFolder _folder = new("accelerated");
    private readonly MediaServerFactory _server = new MediaServerFactory().With("Media:Streaming:AcceleratedRedirectPrefix", Prefix);
    private NginxServer? _nginx;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var api = _server.StartOnLoopback();
        // Every request nginx makes of the API passes a logging relay, so that a test can see what nginx asked.
        var relayPort = TestEnvironment.FreePort();
        _nginx = await NginxServer.StartAsync($$"""
            {{NginxMediaRules.Locations(Path.Combine(_server.DataPath, "blobs"))}}
                location / {
                  proxy_pass http://api;
                  proxy_http_version 1.1;
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                }
            """, $$"""
              upstream api { server 127.0.0.1:{{relayPort}}; }
              server {
                listen 127.0.0.1:{{relayPort}};
                access_log {{RelayLog}};
                location / {
                  proxy_pass {{api}}; proxy_http_version 1.1; proxy_set_header Host $host;
                  proxy_pass_header X-Accel-Redirect; proxy_pass_header X-Accel-Expires;
                }
              }
            {{NginxMediaRules.Http(_folder.Combine("grants"))}}
            """);
    }

    private string RelayLog => _folder.Combine("api-requests.log");

    private string[] ApiRequests => File.Exists(RelayLog) ? File.ReadAllLines(RelayLog) : [];

    [Fact]
    public async Task Segments_ThroughNginx_AreTheFilesBytesWithRangesAndTheApiStillGuardsThem()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var source = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 6, size: "640x360");
        var lesson = await LessonApi.PublishAsync(teacher, source);
        var playback = (await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/playback", Ct)).GetProperty("url").GetString()!;
        using var viaNginx = new HttpClient { BaseAddress = new Uri(_nginx!.BaseUrl) };

        var master = await viaNginx.GetStringAsync(playback, Ct);
        var variant = master.Split('\n').First(l => l.Contains(".m3u8", StringComparison.Ordinal) && !l.StartsWith('#'));
        var variantUrl = new Uri(new Uri(_nginx.BaseUrl + playback), variant);
        var variantText = await viaNginx.GetStringAsync(variantUrl, Ct);
        var segment = variantText.Split('\n').First(l => l.Contains(".m4s", StringComparison.Ordinal) && !l.StartsWith('#'));
        var segmentUrl = new Uri(variantUrl, segment);
        var onDisk = Directory.EnumerateFiles(Path.Combine(_server.DataPath, "blobs", "lessons", lesson.ToString("N")), Path.GetFileName(segmentUrl.AbsolutePath), SearchOption.AllDirectories)
            .Single(f => f.Replace('\\', '/').EndsWith(string.Join('/', segmentUrl.AbsolutePath.Split('/')[^2..]), StringComparison.Ordinal));
        var expected = await File.ReadAllBytesAsync(onDisk, Ct);

        using var whole = await viaNginx.GetAsync(segmentUrl, Ct);
        Assert.True(whole.StatusCode == HttpStatusCode.OK, _nginx.ErrorLog);
        Assert.Equal(expected, await whole.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("video/iso.segment", whole.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", whole.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("*", whole.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(whole.Headers.Contains("X-Accel-Redirect"));

        using var ranged = new HttpRequestMessage(HttpMethod.Get, segmentUrl);
        ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 299);
        using var part = await viaNginx.SendAsync(ranged, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(expected[100..300], await part.Content.ReadAsByteArrayAsync(Ct));

        // The token is still the API's to check, and the files are reachable only through it.
        var tampered = segmentUrl.ToString()[..^3] + (segmentUrl.ToString().EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        using var refused = await viaNginx.GetAsync(tampered, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var direct = await viaNginx.GetAsync($"{Prefix}lessons/{lesson:N}/", Ct);
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);

        var decode = await TestProcess.RunAsync("ffmpeg", ["-v", "error", "-protocol_whitelist", "http,tcp", "-i", _nginx.BaseUrl + playback, "-map", "0", "-f", "null", "-"]);
        Assert.True(decode.ExitCode == 0, decode.Errors);
    }

    [Fact]
    public async Task Segments_AfterOneGrantPerViewer_AreSentByNginxWithoutAskingTheApiAgain()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var source = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 10, size: "640x360");
        var lesson = await LessonApi.PublishAsync(teacher, source);
        var playback = (await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/playback", Ct)).GetProperty("url").GetString()!;
        using var viaNginx = new HttpClient { BaseAddress = new Uri(_nginx!.BaseUrl) };
        var master = await viaNginx.GetStringAsync(playback, Ct);
        var variantUrl = new Uri(new Uri(_nginx.BaseUrl + playback), master.Split('\n').First(l => l.Contains(".m3u8", StringComparison.Ordinal) && !l.StartsWith('#')));
        var variantText = await viaNginx.GetStringAsync(variantUrl, Ct);
        var files = variantText.Split('\n')
            .Select(l => l.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal) ? l["#EXT-X-MAP:URI=\"".Length..].TrimEnd('"') : l)
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => new Uri(variantUrl, l)).ToList();
        Assert.True(files.Count >= 3, variantText);

        foreach (var file in files)
        {
            using var response = await viaNginx.GetAsync(file, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {_nginx.ErrorLog}");
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        // One grant for the viewer's token; no segment or init file went to the API.
        var asked = ApiRequests;
        Assert.Single(asked, l => l.Contains($"/media-grants/{lesson:N}?t=", StringComparison.Ordinal));
        Assert.DoesNotContain(asked, l => l.Contains(".m4s", StringComparison.Ordinal) || l.Contains("init.mp4", StringComparison.Ordinal));

        // What nginx may not send itself still gets the API's answers: a forged token, a missing segment.
        var segment = files.First(f => f.AbsolutePath.EndsWith(".m4s", StringComparison.Ordinal));
        var forged = segment.ToString()[..^3] + (segment.ToString().EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        using var refused = await viaNginx.GetAsync(forged, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var missing = await viaNginx.GetAsync(segment.ToString().Replace("seg_", "seg_9", StringComparison.Ordinal), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        // The grant itself (nginx keeps its X-Accel headers to itself): the lesson's folder, for at most 30 s.
        using var grant = await teacher.GetAsync($"/media-grants/{lesson:N}{segment.Query}", Ct);
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        Assert.StartsWith($"lessons/{lesson:N}/", grant.Headers.GetValues("X-Media-Prefix").Single(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(grant.Headers.GetValues("X-Accel-Expires").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 30);
    }

    public async ValueTask DisposeAsync()
    {
        _nginx?.Dispose();
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
