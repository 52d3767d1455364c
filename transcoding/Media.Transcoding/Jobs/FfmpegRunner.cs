using System.Diagnostics;
using System.Globalization;
using Media.Platform.Tools;

namespace Media.Transcoding.Jobs;

/// <summary>Runs ffmpeg through the platform's tool runner, reporting progress from <c>-progress pipe:1</c>.</summary>
internal sealed class FfmpegRunner(FfmpegTools tools, MediaToolRunner runner)
{
    /// <summary>Runs an analysis command and returns its log (stderr), where filters such as scdet report.</summary>
    public async Task<string> RunForLogAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new ToolCommand(tools.Options.FfmpegPath, arguments), cancellationToken);
        return result.Succeeded ? result.Errors : throw new FfmpegFailedException($"ffmpeg analysis exited with {result.ExitCode}: {result.Tail(1)}");
    }

    public async Task RunAsync(IReadOnlyList<string> arguments, double durationSeconds, Func<EncodeProgress, Task>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        double outSeconds = 0, speed = 0;
        async Task OnLine(string line)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                return;
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

        var result = await runner.RunAsync(new ToolCommand(tools.Options.FfmpegPath, arguments) { OnOutputLine = OnLine }, cancellationToken);
        if (!result.Succeeded)
        {
            throw new FfmpegFailedException($"ffmpeg exited with {result.ExitCode}: {result.Tail(3)}");
        }
    }
}

internal sealed record EncodeProgress(double Percent, double Speed, double? EtaSeconds, TimeSpan Elapsed);

internal sealed class FfmpegFailedException(string message) : Exception(message);
