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
        var timed = new List<ScreenTextLine>();
        var showing = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (seconds, lines) in frames.OrderBy(f => f.Seconds))
        {
            var now = lines.Select(Normalise).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in showing.Where(s => !now.Contains(s.Key)).ToList())
            {
                timed.Add(new ScreenTextLine(gone.Value, seconds, gone.Key));
                showing.Remove(gone.Key);
            }

            foreach (var line in now)
            {
                showing.TryAdd(line, seconds);
            }
        }

        var end = Math.Max(durationSeconds, frames.Count > 0 ? frames.Max(f => f.Seconds) : 0);
        timed.AddRange(showing.Select(s => new ScreenTextLine(s.Value, end, s.Key)));
        return timed.OrderBy(l => l.StartSeconds).ThenBy(l => l.Text, StringComparer.Ordinal).ToList();
    }

    /// <summary>One spelling per line: spaces collapsed, full-width ASCII made half-width, so two readings of a slide compare equal.</summary>
    internal static string Normalise(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Normalize(System.Text.NormalizationForm.FormKC);
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
