using System.Globalization;
using System.Text.RegularExpressions;

namespace Media.Transcoding.Recognition;

/// <summary>The times of the frames <see cref="Planning.FfmpegCommands.ScreenFrames"/> wrote, from showinfo's log, in file order.</summary>
internal static partial class ScreenFrames
{
    public static IReadOnlyList<double> TimesOf(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Split('\n')
            .Where(line => line.Contains("Parsed_showinfo", StringComparison.Ordinal))
            .Select(line => PtsTime().Match(line))
            .Where(match => match.Success)
            .Select(match => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>The sampling interval that keeps a lesson under the frame budget.</summary>
    public static double IntervalFor(double durationSeconds, RecognitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Math.Max(options.SampleSeconds, Math.Ceiling(durationSeconds / options.MaxFrames));
    }

    [GeneratedRegex(@"pts_time:\s*(-?\d+(?:\.\d+)?)")]
    private static partial Regex PtsTime();
}
