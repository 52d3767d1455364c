using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Media.Testing;

namespace Media.Ingest.Tests;

/// <summary>The import API: a manifest of files in a folder under the server's import root, run as a job.</summary>
public sealed class LibraryImportTests : IAsyncLifetime
{
    private readonly TempFolder _root = new("import-root");
    private MediaServerFactory _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server = new MediaServerFactory().With("Media:Ingest:ImportRoot", _root.Path);
        return ValueTask.CompletedTask;
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> WaitForCompletionAsync(HttpClient client, Uri location)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var progress = await client.GetFromJsonAsync<JsonElement>(location, Ct);
            if (progress.GetProperty("state").GetString() == "completed" || clock.Elapsed > TimeSpan.FromSeconds(180))
            {
                return progress;
            }

            await Task.Delay(200, Ct);
        }
    }

    [Fact]
    public async Task Import_Library_RunsAsJobWithReportAndRerunSkipsDoneRows()
    {
        var library = Directory.CreateDirectory(Path.Combine(_root.Path, "city-library", "八年级")).FullName;
        for (var i = 1; i <= 3; i++)
        {
            await Ffmpeg.RunAsync("-f", "lavfi", "-i", $"testsrc=size=160x120:rate=25,drawtext=text='{i}':fontsize=40", "-t", "2",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", Path.Combine(library, $"lesson-{i}.mp4"));
        }

        await File.WriteAllTextAsync(Path.Combine(library, "notes.mp4"), "教学反思", Ct);
        var manifest = "文件,课题,学科\n八年级/lesson-1.mp4,第一课,语文\n八年级/lesson-2.mp4,第二课,语文\n八年级/lesson-3.mp4,第三课,语文\n八年级/notes.mp4,反思,语文\n八年级/missing.mp4,缺失,语文\n";
        var admin = await _server.CreateClientForAsync("admin");

        var started = await admin.PostAsync("/api/imports?folder=city-library", Csv(manifest), Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var first = await WaitForCompletionAsync(admin, started.Headers.Location!);

        Assert.Equal((5, 3, 1, 1, 0), (first.GetProperty("done").GetInt32(), first.GetProperty("accepted").GetInt32(),
            first.GetProperty("rejected").GetInt32(), first.GetProperty("failed").GetInt32(), first.GetProperty("skipped").GetInt32()));
        var report = await admin.GetStringAsync(started.Headers.Location + "/report.csv", Ct);
        Assert.Contains("1,八年级/lesson-1.mp4,accepted,", report, StringComparison.Ordinal);
        Assert.Contains("4,八年级/notes.mp4,rejected,,\"The file is text", report, StringComparison.Ordinal);
        Assert.Contains("5,八年级/missing.mp4,failed,,file not found", report, StringComparison.Ordinal);

        var again = await admin.PostAsync("/api/imports?folder=city-library", Csv(manifest), Ct);
        var second = await WaitForCompletionAsync(admin, again.Headers.Location!);

        Assert.Equal((0, 4, 1), (second.GetProperty("accepted").GetInt32(), second.GetProperty("skipped").GetInt32(), second.GetProperty("failed").GetInt32()));
    }

    [Theory]
    [InlineData("../..", "outside the import root")]
    [InlineData("no-such-library", "does not exist")]
    [InlineData("", "Name the library folder")]
    public async Task Import_BadFolder_Returns400(string folder, string expected)
    {
        var admin = await _server.CreateClientForAsync("admin");

        var response = await admin.PostAsync($"/api/imports?folder={Uri.EscapeDataString(folder)}", Csv("file\nx.mp4\n"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadManifest_Returns400WithTheReason()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, "lib"));
        var admin = await _server.CreateClientForAsync("admin");

        var response = await admin.PostAsync("/api/imports?folder=lib", Csv("file,colour\nx.mp4,red\n"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown column 'colour'", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ByTeacher_IsForbidden()
    {
        var teacher = await _server.CreateClientForAsync("teacher");

        var response = await teacher.PostAsync("/api/imports?folder=lib", Csv("file\nx.mp4\n"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }
}
