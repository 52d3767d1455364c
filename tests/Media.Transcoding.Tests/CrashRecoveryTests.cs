using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Transcoding.Tests;

/// <summary>The real server process is killed (SIGKILL) in the middle of an encode and started again.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = new("crash");
    private readonly TempFolder _data = new("crash-data");
    private Process? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> StartServerAsync(int port)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Media.Server.dll"),
            "--contentRoot", Path.Combine(TestEnvironment.RepositoryRoot, "server", "Media.Server"),
            "--urls", $"http://127.0.0.1:{port}",
            $"--Media:DataPath={_data.Path}",
            "--Media:Demo:Enabled=true", "--Media:Demo:Password=crash-pass",
            "--Media:Jobs:QueuePollInterval=00:00:00.200",
            "--Media:Transcoding:Preset=medium",
            // The killed attempt's lease on the lesson must run out before the restarted server's attempt may run.
            "--Media:Transcoding:RunnerLease=00:00:10",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/health/ready", Ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(180));
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName = "teacher", password = "crash-pass" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    [Fact]
    public async Task KilledMidEncode_RestartedServer_PublishesExactlyOnceAndLeavesNoStaging()
    {
        var source = _folder.Combine("long-lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 30, size: "1280x720");
        var port = TestEnvironment.FreePort();
        var client = await StartServerAsync(port);
        var upload = await LessonApi.UploadAsync(client, source);
        Guid lessonId = default;
        await Eventually.HoldsAsync(async () =>
        {
            var status = await client.GetFromJsonAsync<JsonElement>(upload + "/status", Ct);
            return status.GetProperty("lessonId").ValueKind == JsonValueKind.String && Guid.TryParse(status.GetProperty("lessonId").GetString(), out lessonId);
        }, TimeSpan.FromSeconds(120));
        await Eventually.HoldsAsync(async () =>
        {
            var response = await client.GetAsync($"/api/transcodes/{lessonId}", Ct);
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("percent").GetDouble() >= 10;
        }, TimeSpan.FromSeconds(180));

        _server!.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync(Ct);
        Assert.NotEmpty(Directory.GetDirectories(Path.GetTempPath(), $"media-transcode-{lessonId:N}-*"));

        client = await StartServerAsync(port);
        JsonElement lesson = default;
        await Eventually.HoldsAsync(async () =>
        {
            lesson = await client.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}", Ct);
            return lesson.GetProperty("status").GetString() is "published" or "failed";
        }, TimeSpan.FromSeconds(180));

        Assert.Equal("published", lesson.GetProperty("status").GetString());
        var transcode = await client.GetFromJsonAsync<JsonElement>($"/api/transcodes/{lessonId}", Ct);
        Assert.Equal(2, transcode.GetProperty("attempts").GetInt32());
        var sets = Directory.GetDirectories(Path.Combine(_data.Path, "blobs", "lessons", lessonId.ToString("N")));
        var published = Assert.Single(sets);
        Assert.Equal(5, Directory.GetDirectories(published).Length); // 720p 540p 360p 240p audio
        Assert.All(Directory.GetDirectories(published), variant => Assert.Contains("#EXT-X-ENDLIST", File.ReadAllText(Path.Combine(variant, "index.m3u8")), StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), $"media-transcode-{lessonId:N}-*"));
    }

    public void Dispose()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(5000);
        }

        _server?.Dispose();
        _folder.Dispose();
        _data.Dispose();
    }
}
