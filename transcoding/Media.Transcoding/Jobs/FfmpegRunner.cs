using System.Diagnostics;
using System.Globalization;
using Media.Platform.Tools;

namespace Media.Transcoding.Jobs;

/// <summary>Runs ffmpeg with an argument list, reporting progress from <c>-progress pipe:1</c>; kills it when cancelled.</summary>
internal sealed class FfmpegRunner(FfmpegTools tools)
{
    /// <summary>Runs an analysis command and returns its log (stderr), where filters such as scdet report.</summary>
    public async Task<string> RunForLogAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(arguments);
        await using var kill = KillOnCancel(process, cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var log = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        await output;
        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode == 0 ? log : throw new FfmpegFailedException($"ffmpeg analysis exited with {process.ExitCode}: {log.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}");
    }

    public async Task RunAsync(IReadOnlyList<string> arguments, double durationSeconds, Func<EncodeProgress, Task>? progress, CancellationToken cancellationToken)
    {
        using var process = Start(arguments);
        await using var kill = KillOnCancel(process, cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        string? line;
        double outSeconds = 0, speed = 0;
        while ((line = await process.StandardOutput.ReadLineAsync(CancellationToken.None)) is not null)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var (key, value) = (line[..equals], line[(equals + 1)..].Trim());
            if (key == "out_time_us" && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
            {
                outSeconds = micros / 1_000_000.0;
            }
            else if (key == "speed" && double.TryParse(value.TrimEnd('x'), NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
            {
                speed = s;
            }
            else if (key == "progress" && progress is not null && durationSeconds > 0)
            {
                var percent = Math.Clamp(100 * outSeconds / durationSeconds, 0, value == "end" ? 100 : 99.9);
                double? eta = speed > 0 ? Math.Max(0, (durationSeconds - outSeconds) / speed) : null;
                await progress(new EncodeProgress(percent, speed, eta, clock.Elapsed));
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            var reason = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3);
            throw new FfmpegFailedException($"ffmpeg exited with {process.ExitCode}: {string.Join(" | ", reason)}");
        }
    }

    private Process Start(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tools.Options.FfmpegPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
    }

    private static CancellationTokenRegistration KillOnCancel(Process process, CancellationToken cancellationToken) =>
        cancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        });
}

internal sealed record EncodeProgress(double Percent, double Speed, double? EtaSeconds, TimeSpan Elapsed);

internal sealed class FfmpegFailedException(string message) : Exception(message);
