using System.Globalization;
using System.Text.RegularExpressions;
using Media.Transcoding.Contracts;

namespace Media.Transcoding.Planning;

/// <summary>What one analysis pass of ffmpeg (scdet, silencedetect, ebur128) found in a lesson.</summary>
internal sealed record MediaAnalysis(IReadOnlyList<double> SceneChanges, IReadOnlyList<double> SpeechResumes, double? IntegratedLoudness);

/// <summary>
/// Turns scene cuts (a new slide, the camera switching to the board) and pauses in speech into chapter
/// suggestions a teacher can then rename or move. Pure: parses ffmpeg's log and plans; no I/O.
/// </summary>
internal static partial class ChapterSuggester
{
    public static MediaAnalysis Parse(string ffmpegLog)
    {
        ArgumentNullException.ThrowIfNull(ffmpegLog);
        var scenes = SceneTime().Matches(ffmpegLog).Select(m => Number(m.Groups[1].Value)).ToList();
        var resumes = SilenceEnd().Matches(ffmpegLog).Select(m => Number(m.Groups[1].Value)).ToList();
        var loudness = Integrated().Matches(ffmpegLog).Select(m => (double?)Number(m.Groups[1].Value)).LastOrDefault();
        return new MediaAnalysis(scenes, resumes, loudness is { } l && double.IsFinite(l) && l > -70 ? l : null);
    }

    public static IReadOnlyList<ChapterMark> Suggest(MediaAnalysis analysis, double durationSeconds, int minChapterSeconds)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var starts = new List<double> { 0 };
        foreach (var time in analysis.SceneChanges.Concat(analysis.SpeechResumes).Order())
        {
            if (time - starts[^1] >= minChapterSeconds && durationSeconds - time >= minChapterSeconds / 2.0)
            {
                starts.Add(Math.Round(time, 1));
            }
        }

        return starts.Select((start, i) => new ChapterMark(start, string.Create(CultureInfo.InvariantCulture, $"第{i + 1}节"))).ToList();
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"lavfi\.scd\.time:\s*([0-9.]+)")]
    private static partial Regex SceneTime();

    [GeneratedRegex(@"silence_end:\s*([0-9.]+)")]
    private static partial Regex SilenceEnd();

    [GeneratedRegex(@"I:\s+(-?[0-9.]+) LUFS")]
    private static partial Regex Integrated();
}
