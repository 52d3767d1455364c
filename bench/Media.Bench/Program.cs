using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Benchmarks that print ratios against a baseline measured in the same run.
//   upload [--size-mb N] [--chunk-mb N]   tus upload into the real server vs a raw Kestrel PUT of the same bytes
return args.FirstOrDefault() switch
{
    "upload" => await UploadBenchmark.RunAsync(args[1..]),
    "ladder" => await LadderBenchmark.RunAsync(args[1..]),
    "segments" => await SegmentBenchmark.RunAsync(args[1..]),
    "search" => await SearchBenchmark.RunAsync(args[1..]),
    "fanout" => await FanoutBenchmark.RunAsync(args[1..]),
    "ocr" => await OcrBenchmark.RunAsync(args[1..]),
    "page" => await PageBenchmark.RunAsync(args[1..]),
    "roster" => await RosterBenchmark.RunAsync(args[1..]),
    "baseline-server" => await BaselineServer.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args[2]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Media.Bench upload [--size-mb 2048] [--chunk-mb 0 (one PATCH)]");
    Console.Error.WriteLine("       Media.Bench ladder [--seconds 60]");
    Console.Error.WriteLine("       Media.Bench segments [--seconds 10] [--concurrency 16]");
    Console.Error.WriteLine("       Media.Bench search [--sizes 10000,100000] [--clients 8] [--seconds 5]");
    Console.Error.WriteLine("       Media.Bench fanout [--clients 100,1000,5000]");
    Console.Error.WriteLine("       Media.Bench ocr [--frames 200] [--lesson-seconds 180]");
    Console.Error.WriteLine("       Media.Bench page [--rounds 3]");
    Console.Error.WriteLine("       Media.Bench roster [--students 10000,100000]");
    return 2;
}

/// <summary>The baseline: the plainest streaming PUT-to-file Kestrel can do, in a process of its own.</summary>
internal static class BaselineServer
{
    public static async Task<int> RunAsync(int port, string folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port);
            o.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.MapPut("/{name}", async (string name, HttpContext context) =>
        {
            context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
            await using var file = new FileStream(Path.Combine(folder, Path.GetFileName(name)), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await context.Request.Body.CopyToAsync(file, 1 << 16, context.RequestAborted);
            return Results.NoContent();
        });
        app.MapGet("/ready", () => "ok");
        await app.RunAsync();
        return 0;
    }
}

internal static class UploadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMb = Option(args, "--size-mb", 2048);
        var chunkMb = Option(args, "--chunk-mb", 0);
        var size = (long)sizeMb << 20;
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("media-bench-").FullName;
        Console.WriteLine($"upload benchmark: {sizeMb} MiB, {(chunkMb == 0 ? "one PATCH" : chunkMb + " MiB PATCHes")}, data in {work}");
        try
        {
            var baselinePort = FreePort();
            Directory.CreateDirectory(Path.Combine(work, "baseline"));
            using var baseline = Start("dotnet", [typeof(UploadBenchmark).Assembly.Location, "baseline-server", baselinePort.ToString(CultureInfo.InvariantCulture), Path.Combine(work, "baseline")]);
            var mediaPort = FreePort();
            using var media = Start("dotnet",
            [
                Path.Combine(root, "server", "Media.Server", "bin", "Release", "net10.0", "Media.Server.dll"),
                "--contentRoot", Path.Combine(root, "server", "Media.Server"),
                "--urls", $"http://127.0.0.1:{mediaPort}",
                $"--Media:DataPath={Path.Combine(work, "media")}",
                "--Media:Demo:Enabled=true", "--Media:Demo:Password=bench-pass",
                $"--Media:Ingest:MaxUploadBytes={size * 2}",
                "--Logging:LogLevel:Default=Warning",
            ]);

            using var http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
            await WaitReadyAsync(http, $"http://127.0.0.1:{baselinePort}/ready");
            await WaitReadyAsync(http, $"http://127.0.0.1:{mediaPort}/health/ready");
            var token = (await (await http.PostAsJsonAsync($"http://127.0.0.1:{mediaPort}/api/auth/token", new { userName = "teacher", password = "bench-pass" })).Content
                .ReadFromJsonAsync<TokenBody>())!.AccessToken;

            // Warm both servers up with a small transfer so that JIT and first-request costs are not measured.
            await PutAsync(http, $"http://127.0.0.1:{baselinePort}/warmup", 8 << 20);
            await TusUploadAsync(http, mediaPort, token, 8 << 20, 0);

            // Alternate the two, twice, and keep each one's best: the first large write also warms the page cache.
            await Task.Delay(500);
            using var sampler = new RssSampler(media.Id);
            var before = sampler.Current();
            var baselineTime = TimeSpan.MaxValue;
            var mediaTime = TimeSpan.MaxValue;
            for (var round = 0; round < 2; round++)
            {
                var b = await TimeAsync(() => PutAsync(http, $"http://127.0.0.1:{baselinePort}/big", size));
                File.Delete(Path.Combine(work, "baseline", "big"));
                var m = await TimeAsync(() => TusUploadAsync(http, mediaPort, token, size, (long)chunkMb << 20));
                baselineTime = b < baselineTime ? b : baselineTime;
                mediaTime = m < mediaTime ? m : mediaTime;
            }

            var peak = sampler.Peak;
            media.Kill(entireProcessTree: true);
            baseline.Kill(entireProcessTree: true);

            var baselineRate = sizeMb / baselineTime.TotalSeconds;
            var mediaRate = sizeMb / mediaTime.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline (raw Kestrel PUT to a file): {baselineRate,8:0.0} MiB/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"media (tus PATCH + SHA-256 + blob store): {mediaRate,8:0.0} MiB/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio media/baseline: {mediaRate / baselineRate:0.00}"));
            var growth = (peak - before) / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server working set: {before / 1048576.0:0} MiB before, {peak / 1048576.0:0} MiB peak, growth {growth:0.0} MiB (target < 100 MiB)"));
            return growth < 100 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task TusUploadAsync(HttpClient http, int port, string token, long size, long chunk)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/api/uploads/");
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", size.ToString(CultureInfo.InvariantCulture));
        var created = await http.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var url = $"http://127.0.0.1:{port}{created.Headers.Location!.OriginalString}";
        var step = chunk == 0 ? size : chunk;
        for (long offset = 0; offset < size; offset += step)
        {
            var length = Math.Min(step, size - offset);
            using var patch = new HttpRequestMessage(HttpMethod.Patch, url);
            patch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            patch.Headers.Add("Tus-Resumable", "1.0.0");
            patch.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            patch.Content = new StreamContent(new GeneratedStream(length), 1 << 16);
            patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            patch.Content.Headers.ContentLength = length;
            (await http.SendAsync(patch)).EnsureSuccessStatusCode();
        }
    }

    private static async Task PutAsync(HttpClient http, string url, long size)
    {
        using var content = new StreamContent(new GeneratedStream(size), 1 << 16);
        content.Headers.ContentLength = size;
        (await http.PutAsync(url, content)).EnsureSuccessStatusCode();
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }

    internal static async Task WaitReadyAsync(HttpClient http, string url)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(url + " did not become ready");
    }

    internal static Process Start(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("  server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Media.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Media.sln not found");
    }

    private sealed record TokenBody(string AccessToken);
}

/// <summary>Samples a process's resident set (VmRSS) every 20 ms and keeps the peak.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private long _peak;

    public RssSampler(int pid)
    {
        _pid = pid;
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var current = Current();
                if (current > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, current);
                }

                await Task.Delay(20);
            }
        });
    }

    public long Peak => Interlocked.Read(ref _peak);

    public long Current()
    {
        var line = File.ReadLines($"/proc/{_pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}

/// <summary>N bytes of incompressible data without holding N bytes: one random 4 MiB block, repeated.</summary>
internal sealed class GeneratedStream(long length) : Stream
{
    private static readonly byte[] Block = System.Security.Cryptography.RandomNumberGenerator.GetBytes(4 << 20);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        var start = (int)(_position % Block.Length);
        n = Math.Min(n, Block.Length - start);
        Block.AsSpan(start, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
