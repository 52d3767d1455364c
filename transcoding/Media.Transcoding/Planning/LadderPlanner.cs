using Media.Ingest.Contracts;

namespace Media.Transcoding.Planning;

/// <summary>One output rendition: picture size, bitrate cap and the keyframe interval shared by every rung.</summary>
internal sealed record PlannedRung(int Width, int Height, int MaxBitRateKbps);

/// <summary>The whole plan for a lesson: rungs highest first, GOP length in frames, audio or not.</summary>
internal sealed record LadderPlan(IReadOnlyList<PlannedRung> Rungs, double FrameRate, int GopFrames, bool HasAudio);

/// <summary>Chooses the ladder for a source: never upscaled, even sizes, the source's aspect ratio. Pure.</summary>
internal static class LadderPlanner
{
    public static LadderPlan Plan(MediaFacts source, TranscodingOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var aspect = (double)source.Width / source.Height;
        var rungs = options.Ladder
            .Where(r => r.Height <= source.Height)
            .OrderByDescending(r => r.Height)
            .Select(r => new PlannedRung(Even(r.Height * aspect), Even(r.Height), r.MaxBitRateKbps))
            .DistinctBy(r => r.Height)
            .ToList();
        if (rungs.Count == 0)
        {
            // A source smaller than the smallest rung is kept at its own size with that rung's cap.
            var smallest = options.Ladder.MinBy(r => r.Height)!;
            rungs.Add(new PlannedRung(Even(source.Width), Even(source.Height), smallest.MaxBitRateKbps));
        }

        var frameRate = source.FrameRate is > 0 and <= 120 ? source.FrameRate : 25;
        var gop = Math.Max(1, (int)Math.Round(frameRate * options.SegmentSeconds));
        return new LadderPlan(rungs, frameRate, gop, source.AudioCodec is not null);
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
}
