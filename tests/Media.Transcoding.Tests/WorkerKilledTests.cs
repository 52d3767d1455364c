using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Transcoding.Tests;

/// <summary>
/// Real processes of the Release build, as deployed: one api and two workers on one PostgreSQL database (Hangfire
/// included) and one blob folder. The worker encoding a lesson is killed (SIGKILL); the other worker finishes it,
/// published exactly once with nothing left behind.
/// </summary>
public sealed class WorkerKilledTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly TempFolder _folder = new("worker-killed");
    private readonly TempFolder _blobs = new("worker-killed-blobs");
    private readonly List<(Process Process, TempFolder Data)> _processes = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private string _database = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Process Start(string role, int port)
    {
        var data = new TempFolder($"worker-killed-{role}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Media.Server.dll"), "--role", role,
            "--contentRoot", Path.Combine(TestEnvironment.RepositoryRoot, "server", "Media.Server"),
            "--urls", $"http://127.0.0.1:{port}",
            $"--Media:DataPath={data.Path}", $"--Media:Storage:RootPath={_blobs.Path}",
            "--Media:Database:Provider=PostgreSql", $"--Media:Database:ConnectionString={_database}", "--Media:Jobs:Provider=PostgreSql",
            "--Media:Jobs:QueuePollInterval=00:00:00.500", "--Media:Jobs:InvisibilityTimeout=00:00:15",
            "--Media:Demo:Enabled=true", "--Media:Demo:Password=worker-pass", "--Media:Transcoding:Preset=medium", "--Logging:LogLevel:Default=Warning",
            "--Media:Transcoding:RunnerLease=00:00:10",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        // Warnings and errors of every process, named, for the message of a test that times out.
        process.OutputDataReceived += (_, e) => Keep(role, port, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(role, port, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((process, data));
        return process;
    }

    private void Keep(string role, int port, string? line)
    {
        if (line is not null && (line.Contains("warn", StringComparison.Ordinal) || line.Contains("fail", StringComparison.Ordinal) || line.Contains("crit", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.Ordinal)))
        {
            _log.Enqueue($"[{role}:{port}] {line}");
            while (_log.Count > 40 && _log.TryDequeue(out _))
            {
            }
        }
    }

    private string Log() => string.Join(Environment.NewLine, _log);

    private static async Task WaitReadyAsync(int port)
    {
        using var probe = new HttpClient();
        await Eventually.HoldsAsync(async () => (await probe.GetAsync($"http://127.0.0.1:{port}/health/live", Ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(180));
    }

    [Fact]
    public async Task WorkerKilledMidEncode_TheOtherWorkerPublishesItOnceAndLeavesNothingBehind()
    {
        _database = await postgres.CreateDatabaseAsync();
        var source = _folder.Combine("long-lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 30, size: "1280x720");
        var apiPort = TestEnvironment.FreePort();
        Start("api", apiPort);
        await WaitReadyAsync(apiPort);
        var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        var token = await (await api.PostAsJsonAsync("/api/auth/token", new { userName = "teacher", password = "worker-pass" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var firstPort = TestEnvironment.FreePort();
        var first = Start("worker", firstPort);
        await WaitReadyAsync(firstPort);

        var upload = await LessonApi.UploadAsync(api, source);
        Guid lessonId = default;
        await Eventually.HoldsAsync(async () =>
        {
            var status = await api.GetFromJsonAsync<JsonElement>(upload + "/status", Ct);
            return status.GetProperty("lessonId").ValueKind == JsonValueKind.String && Guid.TryParse(status.GetProperty("lessonId").GetString(), out lessonId);
        }, TimeSpan.FromSeconds(180));
        await Eventually.HoldsAsync(async () =>
        {
            var response = await api.GetAsync($"/api/transcodes/{lessonId}", Ct);
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("percent").GetDouble() >= 10;
        }, TimeSpan.FromSeconds(300), Log);

        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(Ct);
        var secondPort = TestEnvironment.FreePort();
        Start("worker", secondPort);
        JsonElement lesson = default;
        await Eventually.HoldsAsync(async () =>
        {
            lesson = await api.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}", Ct);
            return lesson.GetProperty("status").GetString() is "published" or "failed";
        }, TimeSpan.FromSeconds(300), Log);

        Assert.Equal("published", lesson.GetProperty("status").GetString());
        var transcode = await api.GetFromJsonAsync<JsonElement>($"/api/transcodes/{lessonId}", Ct);
        Assert.Equal(2, transcode.GetProperty("attempts").GetInt32());
        var published = Assert.Single(Directory.GetDirectories(Path.Combine(_blobs.Path, "lessons", lessonId.ToString("N"))));
        Assert.Equal(5, Directory.GetDirectories(published).Length); // 720p 540p 360p 240p audio
        Assert.All(Directory.GetDirectories(published), variant => Assert.Contains("#EXT-X-ENDLIST", File.ReadAllText(Path.Combine(variant, "index.m3u8")), StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), $"media-transcode-{lessonId:N}-*"));
        var playback = await api.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}/playback", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync(playback.GetProperty("url").GetString(), Ct)).StatusCode);
    }

    public void Dispose()
    {
        foreach (var (process, data) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            process.Dispose();
            data.Dispose();
        }

        _folder.Dispose();
        _blobs.Dispose();
    }
}
