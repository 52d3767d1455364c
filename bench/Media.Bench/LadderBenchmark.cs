using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Media.Ingest.Contracts;
using Media.Platform.Storage;
using Media.Transcoding;
using Media.Transcoding.Planning;

/// <summary>
/// The ladder benchmark on a generated classroom-like clip (a static board, a moving teacher, sensor noise):
/// Media's one-pass ladder and publish vs the same command as a bare ffmpeg run, vs one ffmpeg per rung, and
/// the content-aware (CRF + cap) ladder's bytes and SSIM vs a fixed-bitrate ladder with the same caps.
/// </summary>
internal static partial class LadderBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = UploadBenchmark.Option(args, "--seconds", 60);
        var work = Directory.CreateTempSubdirectory("media-ladder-").FullName;
        try
        {
            var source = Path.Combine(work, "classroom.mp4");
            await FfmpegAsync("-f", "lavfi", "-i",
                "color=c=0x244232:s=1280x720:r=25,drawgrid=w=160:h=90:t=2:c=white@0.25," +
                "drawbox=x='100+mod(t*60\\,900)':y=260:w=140:h=380:color=0xc8a47e:t=fill," +
                "drawbox=x='130+mod(t*60\\,900)':y=200:w=80:h=80:color=0xe0c0a0:t=fill,noise=alls=4:allf=t",
                "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000",
                "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "veryfast", "-crf", "14",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", source);
            var facts = new MediaFacts("mp4", seconds, 1280, 720, 25, "h264", "aac", 0);
            var options = new TranscodingOptions();
            var plan = LadderPlanner.Plan(facts, options);
            Console.WriteLine($"ladder benchmark: {seconds} s 1280x720 classroom-like clip, rungs {string.Join("/", plan.Rungs.Select(r => r.Height + "p"))}, preset {options.Preset}");

            // 1. Media: the product's command through its runner (progress parsing), then publish to a blob store.
            var mediaOut = Directory.CreateDirectory(Path.Combine(work, "media")).FullName;
            var store = new FileSystemBlobStore(Path.Combine(work, "blobs"));
            var runner = new Media.Transcoding.Jobs.FfmpegRunner(new Media.Platform.Tools.FfmpegTools(Microsoft.Extensions.Options.Options.Create(new Media.Platform.Tools.FfmpegOptions()), new Media.Platform.Tools.MediaToolRunner()), new Media.Platform.Tools.MediaToolRunner());
            var mediaTime = await TimeAsync(async () =>
            {
                await runner.RunAsync(FfmpegCommands.HlsLadder(source, mediaOut, plan, options), seconds, _ => Task.CompletedTask, CancellationToken.None);
                foreach (var file in Directory.EnumerateFiles(mediaOut, "*", SearchOption.AllDirectories))
                {
                    await using var content = File.OpenRead(file);
                    await store.PutAsync("lessons/bench/" + Path.GetRelativePath(mediaOut, file).Replace('\\', '/'), content);
                }
            });

            // 2. The same ladder as one bare ffmpeg command.
            var rawOut = Directory.CreateDirectory(Path.Combine(work, "raw")).FullName;
            var rawArgs = FfmpegCommands.HlsLadder(source, rawOut, plan, options).Where(a => a is not ("-progress" or "pipe:1" or "-stats_period" or "1")).ToArray();
            var rawTime = await TimeAsync(() => FfmpegAsync(rawArgs));

            // 3. One ffmpeg per rung: the source decoded again for every rung.
            var perRungTime = await TimeAsync(async () =>
            {
                foreach (var rung in plan.Rungs)
                {
                    var single = plan with { Rungs = [rung] };
                    var folder = Directory.CreateDirectory(Path.Combine(work, "per-rung", rung.Height + "p")).FullName;
                    await FfmpegAsync(FfmpegCommands.HlsLadder(source, folder, single, options).Where(a => a is not ("-progress" or "pipe:1" or "-stats_period" or "1")).ToArray());
                }
            });

            // 4. A fixed-bitrate ladder with the same caps, for bytes and quality.
            var fixedOut = Directory.CreateDirectory(Path.Combine(work, "fixed")).FullName;
            var fixedArgs = FixedBitrate(FfmpegCommands.HlsLadder(source, fixedOut, plan, options), plan)
                .Where(a => a is not ("-progress" or "pipe:1" or "-stats_period" or "1")).ToArray();
            await FfmpegAsync(fixedArgs);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"media one-pass ladder + publish: {mediaTime.TotalSeconds,6:0.0} s  ({seconds / mediaTime.TotalSeconds:0.00}× realtime)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"same ladder, bare ffmpeg CLI:     {rawTime.TotalSeconds,6:0.0} s  → media/raw = {mediaTime / rawTime:0.00} (goal ≤ 1.05)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one ffmpeg per rung:              {perRungTime.TotalSeconds,6:0.0} s  → per-rung/media = {perRungTime / mediaTime:0.00}× (goal ≥ 1.3)"));
            Console.WriteLine("rung     CRF+cap bytes   fixed bytes   saved    SSIM CRF+cap   SSIM fixed   ΔSSIM");
            var worstSaving = double.MaxValue;
            var worstDelta = double.MinValue;
            foreach (var rung in plan.Rungs)
            {
                var name = rung.Height + "p";
                var crfBytes = Directory.EnumerateFiles(Path.Combine(mediaOut, name)).Sum(f => new FileInfo(f).Length);
                var fixedBytes = Directory.EnumerateFiles(Path.Combine(fixedOut, name)).Sum(f => new FileInfo(f).Length);
                var crfSsim = await SsimAsync(Path.Combine(mediaOut, name, "index.m3u8"), source, rung);
                var fixedSsim = await SsimAsync(Path.Combine(fixedOut, name, "index.m3u8"), source, rung);
                var saved = 1 - (double)crfBytes / fixedBytes;
                worstSaving = Math.Min(worstSaving, saved);
                worstDelta = Math.Max(worstDelta, fixedSsim - crfSsim);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-6} {crfBytes,15:N0} {fixedBytes,13:N0} {saved,7:P0} {crfSsim,14:0.0000} {fixedSsim,12:0.0000} {crfSsim - fixedSsim,+7:0.0000}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fewest bytes saved on a rung: {worstSaving:P0} (goal ≥ 40%); largest SSIM loss: {Math.Max(0, worstDelta):0.0000} (goal ≤ 0.005)"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Replaces each rung's CRF with a fixed bitrate equal to its cap.</summary>
    private static List<string> FixedBitrate(IReadOnlyList<string> args, LadderPlan plan)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("-crf:v:", StringComparison.Ordinal))
            {
                var index = int.Parse(args[i]["-crf:v:".Length..], CultureInfo.InvariantCulture);
                result.AddRange([$"-b:v:{index}", $"{plan.Rungs[index].MaxBitRateKbps}k"]);
                i++;
                continue;
            }

            result.Add(args[i]);
        }

        return result;
    }

    private static async Task<double> SsimAsync(string rendition, string source, PlannedRung rung)
    {
        var (_, errors) = await RunAsync("ffmpeg", "-hide_banner", "-nostdin", "-protocol_whitelist", "file", "-i", rendition, "-i", source,
            "-lavfi", $"[1:v]scale={rung.Width}:{rung.Height}:flags=bicubic[ref];[0:v][ref]ssim", "-f", "null", "-");
        var match = SsimAll().Match(errors);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    [GeneratedRegex(@"SSIM .* All:([0-9.]+)")]
    private static partial Regex SsimAll();

    internal static async Task FfmpegAsync(params string[] args)
    {
        var (exit, errors) = await RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-y", "-v", "error", .. args]);
        if (exit != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + errors);
        }
    }

    private static async Task<(int ExitCode, string Errors)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await errors);
    }

    internal static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }
}
