using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

/// <summary>
/// A province-size roster through the real server (all-in-one, SQLite, as the README's first command runs it): one
/// school's students in classes of 50, checked (preview), imported, then imported again (nothing changes). Prints the
/// seconds of each, rows per second, and the server's peak memory (VmHWM). The baseline beside it is the cost of
/// reading the same file alone (MiniExcel, in this process), which no import can beat.
/// </summary>
internal static class RosterBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (args.SkipWhile(a => a != "--students").Skip(1).FirstOrDefault() ?? "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        Console.WriteLine($"{"students",9} {"file MiB",9} {"read s",7} {"preview s",10} {"apply s",8} {"again s",8} {"rows/s",8} {"apply/read",11} {"peak MiB",9}");
        foreach (var size in sizes)
        {
            await RunOnceAsync(root, size);
        }

        return 0;
    }

    private static async Task RunOnceAsync(string root, int students)
    {
        var work = Directory.CreateTempSubdirectory("media-roster-").FullName;
        var port = UploadBenchmark.FreePort();
        var server = UploadBenchmark.Start("dotnet",
        [
            Path.Combine(root, "server", "Media.Server", "bin", "Release", "net10.0", "Media.Server.dll"),
            "--contentRoot", Path.Combine(root, "server", "Media.Server"), "--urls", $"http://127.0.0.1:{port}",
            $"--Media:DataPath={work}", "--Media:Demo:Enabled=true", "--Media:Demo:Password=bench-pass", "--Media:Catalog:DemoLessons=0",
            $"--Media:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))}", "--Logging:LogLevel:Default=Warning",
        ]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromHours(1) };
            await UploadBenchmark.WaitReadyAsync(http, "/health/ready");
            var token = (await (await http.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "bench-pass" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var csv = new StringBuilder("学校名称,年级,班级,姓名,学籍号,角色\n");
            for (var i = 0; i < students; i++)
            {
                var grade = $"{i % 6 + 7}年级";
                csv.Append(CultureInfo.InvariantCulture, $"济南市历下实验中学,{grade},{grade}({i / 300 + 1})班,学生{i},G3701022{i:D9},学生\n");
            }

            var bytes = Encoding.UTF8.GetBytes(csv.ToString());
            var read = Time(() => Media.Platform.Identity.Admin.RosterFile.Read(new MemoryStream(bytes), isExcel: false));
            var (preview, previewReport) = await ImportAsync(http, bytes, apply: false);
            var (apply, applied) = await ImportAsync(http, bytes, apply: true);
            var (again, unchanged) = await ImportAsync(http, bytes, apply: true);
            if (previewReport.GetProperty("created").GetInt32() != students || applied.GetProperty("created").GetInt32() != students || unchanged.GetProperty("unchanged").GetInt32() != students)
            {
                throw new InvalidOperationException($"Expected {students} created then unchanged; got {applied.GetRawText()[..200]} / {unchanged.GetRawText()[..200]}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{students,9} {bytes.Length / 1048576.0,9:0.0} {read.TotalSeconds,7:0.0} {preview.TotalSeconds,10:0.0} {apply.TotalSeconds,8:0.0} {again.TotalSeconds,8:0.0} {students / apply.TotalSeconds,8:0} {apply / read,11:0.0} {PeakMiB(server),9:0}"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            server.Dispose();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(TimeSpan Took, JsonElement Report)> ImportAsync(HttpClient http, byte[] csv, bool apply)
    {
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var clock = Stopwatch.StartNew();
        var response = await http.PostAsync($"/api/admin/roster?apply={(apply ? "true" : "false")}", content);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var took = clock.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"roster {(apply ? "apply" : "preview")}: {(int)response.StatusCode} {report.GetRawText()}");
        }

        return (took, report);
    }

    private static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    /// <summary>The most resident memory the server held (Linux VmHWM), in MiB.</summary>
    private static double PeakMiB(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
