using Media.Transcoding.Contracts;

namespace Media.Transcoding.Recognition;

/// <summary>
/// Turns what was read on successive frames into timed lines: a line appears at the first frame that shows it and
/// disappears at the first later frame that does not (or at the end). Only frames that differ from the one before are
/// read, so a frame's lines last until the next frame read.
/// </summary>
internal static class ScreenTextTimeline
{
    public static List<ScreenTextLine> Merge(IReadOnlyList<(double Seconds, IReadOnlyList<string> Lines)> frames, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(frames);
        // Lines that appear together keep their reading order (top first), so a slide's heading comes first.
        var timed = new List<(ScreenTextLine Line, int Order)>();
        var showing = new Dictionary<string, (double Start, int Order)>(StringComparer.Ordinal);
        foreach (var (seconds, lines) in frames.OrderBy(f => f.Seconds))
        {
            var now = lines.Select(Normalise).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            foreach (var gone in showing.Where(s => !now.Contains(s.Key, StringComparer.Ordinal)).ToList())
            {
                timed.Add((new ScreenTextLine(gone.Value.Start, seconds, gone.Key), gone.Value.Order));
                showing.Remove(gone.Key);
            }

            for (var order = 0; order < now.Count; order++)
            {
                showing.TryAdd(now[order], (seconds, order));
            }
        }

        var end = Math.Max(durationSeconds, frames.Count > 0 ? frames.Max(f => f.Seconds) : 0);
        timed.AddRange(showing.Select(s => (new ScreenTextLine(s.Value.Start, end, s.Key), s.Value.Order)));
        return timed.OrderBy(t => t.Line.StartSeconds).ThenBy(t => t.Order).Select(t => t.Line).ToList();
    }

    /// <summary>One spelling per line: spaces collapsed, full-width ASCII made half-width, so two readings of a slide compare equal.</summary>
    internal static string Normalise(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Normalize(System.Text.NormalizationForm.FormKC);
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
