using System.Buffers.Binary;
using System.Text;
using Media.Testing;

namespace Media.Cli.Tests;

/// <summary>`media import` against the real server: 200 generated lessons, a report, and a re-run that skips them all.</summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("import");
    // The import is what is measured here; role "api" leaves the accepted lessons untranscoded.
    private readonly MediaServerFactory _server = new MediaServerFactory().With("role", "api");
    private string _baseUrl = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _baseUrl = _server.StartOnLoopback();
        return ValueTask.CompletedTask;
    }

    private static Task<ProcessResult> MediaAsync(params string[] arguments) =>
        TestProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "media.dll"), .. arguments]);

    /// <summary>Distinct files from one encode: an mp4 'free' box with a serial number is appended to each.</summary>
    private async Task<string> LibraryAsync(int count)
    {
        var library = Directory.CreateDirectory(_folder.Combine("library")).FullName;
        var baseFile = _folder.Combine("base.mp4");
        await Ffmpeg.LessonAsync(baseFile, seconds: 2, size: "160x120");
        var bytes = await File.ReadAllBytesAsync(baseFile, Ct);
        var manifest = new StringBuilder("文件,课题,学段,学科,教材版本,册,单元,教师,年份\n");
        for (var i = 1; i <= count; i++)
        {
            var free = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(free, free.Length);
            Encoding.ASCII.GetBytes("free").CopyTo(free, 4);
            BinaryPrimitives.WriteInt64BigEndian(free.AsSpan(8), i);
            var name = $"grade8/lesson-{i:000}.mp4";
            Directory.CreateDirectory(Path.Combine(library, "grade8"));
            await File.WriteAllBytesAsync(Path.Combine(library, name), [.. bytes, .. free], Ct);
            manifest.Append(System.Globalization.CultureInfo.InvariantCulture, $"{name},第{i}课 示范课,初中,语文,人教版,八年级上册,第{(i % 6) + 1}单元,张老师,2024\n");
        }

        var path = _folder.Combine("manifest.csv");
        await File.WriteAllTextAsync(path, manifest.ToString(), Ct);
        return path;
    }

    [Fact]
    public async Task Import_TwoHundredLessons_CompletesWithReportAndRerunSkipsAll()
    {
        var manifest = await LibraryAsync(200);
        string[] arguments = ["import", manifest, _folder.Combine("library"), "--server", _baseUrl, "--user", "teacher", "--password", MediaServerFactory.DemoPassword, "--parallel", "4"];

        var first = await MediaAsync(arguments);

        Assert.True(first.ExitCode == 0, first.Output + first.Errors);
        Assert.Contains("200 accepted, 0 skipped, 0 failed", first.Output, StringComparison.Ordinal);
        var report = File.ReadAllLines(manifest + ".report.csv").Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(200, report.Count);
        Assert.All(report, r => Assert.Equal("accepted", r[2]));
        Assert.Equal(200, report.Select(r => r[3]).Distinct().Count());

        var second = await MediaAsync(arguments);

        Assert.True(second.ExitCode == 0, second.Output + second.Errors);
        Assert.Contains("0 accepted, 200 skipped, 0 failed", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RowsWithProblems_ReportsEachAndExitsNonZero()
    {
        var library = Directory.CreateDirectory(_folder.Combine("mixed")).FullName;
        await Ffmpeg.LessonAsync(Path.Combine(library, "good.mp4"), seconds: 2, size: "160x120");
        await File.WriteAllTextAsync(Path.Combine(library, "notes.mp4"), "not a video", Ct);
        var manifest = _folder.Combine("mixed.json");
        await File.WriteAllTextAsync(manifest, """[{"file":"good.mp4","title":"好课"},{"file":"notes.mp4"},{"file":"missing.mp4"},{"file":"../escape.mp4"}]""", Ct);

        var run = await MediaAsync("import", manifest, library, "--server", _baseUrl, "--user", "teacher", "--password", MediaServerFactory.DemoPassword);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1 accepted, 0 skipped, 3 failed", run.Output, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(manifest + ".report.csv", Ct);
        Assert.Contains("notes.mp4,rejected", report, StringComparison.Ordinal);
        Assert.Contains("missing.mp4,error,,file not found", report, StringComparison.Ordinal);
        Assert.Contains("the file path leaves the import folder", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "import", "/nonexistent/m.csv", "/tmp" }, "error: manifest '/nonexistent/m.csv' does not exist")]
    [InlineData(new[] { "export" }, "error: unknown command 'export' (supported: import, roster)")]
    [InlineData(new[] { "import", "only-one-argument" }, "error: import needs a manifest and a folder")]
    [InlineData(new[] { "roster" }, "error: roster needs one file")]
    public async Task Media_BadCommandLine_PrintsOneLineAndExits2(string[] arguments, string expected)
    {
        var run = await MediaAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_WrongPassword_PrintsOneLine()
    {
        var manifest = _folder.Combine("one.csv");
        await File.WriteAllTextAsync(manifest, "file\nx.mp4\n", Ct);

        var run = await MediaAsync("import", manifest, _folder.Path, "--server", _baseUrl, "--user", "teacher", "--password", "wrong");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: signing in as 'teacher' failed (401)", run.Errors.Trim());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
