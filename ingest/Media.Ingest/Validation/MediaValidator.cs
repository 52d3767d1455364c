using System.Globalization;
using Media.Ingest.Contracts;
using Media.Platform.Tools;
using Microsoft.Extensions.Options;

namespace Media.Ingest.Validation;

/// <summary>Validates a stored file: sniff the container, probe it under the allow-list, apply limits, check it is complete.</summary>
internal sealed class MediaValidator(FfmpegTools tools, MediaToolRunner runner, IOptions<IngestOptions> options)
{
    public async Task<ValidationOutcome> ValidateAsync(string path, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var length = new FileInfo(path).Length;
        var head = new byte[MediaSniffer.HeadLength];
        int read;
        await using (var file = File.OpenRead(path))
        {
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var sniff = MediaSniffer.Sniff(head.AsSpan(0, read), length);
        if (!sniff.Accepted)
        {
            return ValidationOutcome.Reject(new Refusal(sniff.RejectionCode!, sniff.RejectionReason!));
        }

        var probe = await RunAsync(FfprobeArguments.Probe(sniff.Demuxer!, path, limits.MaxWidth, limits.MaxHeight), cancellationToken);
        if (probe.TimedOut)
        {
            return ValidationOutcome.Reject(new Refusal("damaged", "Reading the file took too long; it may be damaged."));
        }

        ProbeReport report;
        try
        {
            report = ProbeReport.Parse(probe.Output);
        }
        catch (System.Text.Json.JsonException)
        {
            return ValidationOutcome.Reject(new Refusal("unreadable", "The file cannot be read as " + sniff.Container + ": " + probe.FirstError));
        }

        if (probe.ExitCode != 0 || report.Streams.Count == 0)
        {
            return ValidationOutcome.Reject(new Refusal("unreadable", "The file cannot be read as " + sniff.Container + ": " + probe.FirstError));
        }

        if (MediaPolicy.Check(report, sniff.Container!, limits) is { } refusal)
        {
            return ValidationOutcome.Reject(refusal);
        }

        var video = report.FirstVideo!;
        var duration = report.DurationSeconds ?? video.DurationSeconds ?? 0;
        if (await FindTruncationAsync(sniff.Demuxer!, path, duration, cancellationToken) is { } truncation)
        {
            return ValidationOutcome.Reject(truncation);
        }

        return ValidationOutcome.Accept(new MediaFacts(
            sniff.Container!, duration, video.Width, video.Height, Math.Round(video.FrameRate, 3), video.Codec, report.FirstAudio?.Codec, report.BitRate));
    }

    private async Task<Refusal?> FindTruncationAsync(string demuxer, string path, double duration, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var start = Math.Max(0, duration - 5);
        var tail = await RunAsync(FfprobeArguments.Tail(demuxer, path, start, limits.MaxWidth, limits.MaxHeight), cancellationToken);
        if (tail.TimedOut)
        {
            return new Refusal("damaged", "Reading the end of the file took too long; it may be damaged.");
        }

        var lastPacket = tail.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => double.TryParse(line.TrimEnd(','), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : double.NaN)
            .Where(double.IsFinite)
            .DefaultIfEmpty(double.NaN)
            .Max();
        var tolerance = Math.Max(2, duration * 0.02);
        if (tail.Errors.Any(e => e.Contains("partial file", StringComparison.OrdinalIgnoreCase) || e.Contains("ended prematurely", StringComparison.OrdinalIgnoreCase))
            || !double.IsFinite(lastPacket) || lastPacket < duration - tolerance)
        {
            return new Refusal("incomplete", string.Create(CultureInfo.InvariantCulture,
                $"The file is incomplete: it should last {duration:0.#} s but its data ends {(double.IsFinite(lastPacket) ? $"at {lastPacket:0.#} s" : "early")}. Upload the whole file again."));
        }

        return null;
    }

    private async Task<ProcessOutput> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunAsync(new ToolCommand(tools.Options.FfprobePath, arguments) { Timeout = options.Value.ProbeTimeout }, cancellationToken);
            return new ProcessOutput(result.ExitCode, result.Output, result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries), TimedOut: false);
        }
        catch (ToolTimedOutException)
        {
            return new ProcessOutput(-1, string.Empty, [], TimedOut: true);
        }
    }

    private sealed record ProcessOutput(int ExitCode, string Output, string[] Errors, bool TimedOut)
    {
        public string FirstError => Errors.Select(e => e.Trim()).FirstOrDefault(e => e.Length > 0) is { } line
            ? line.Length > 300 ? line[..300] : line
            : "ffprobe found no streams";
    }
}

/// <summary>The verdict on one file: its facts, or why it was refused.</summary>
internal sealed record ValidationOutcome(MediaFacts? Media, Refusal? Rejection)
{
    public static ValidationOutcome Accept(MediaFacts media) => new(media, null);

    public static ValidationOutcome Reject(Refusal refusal) => new(null, refusal);
}
