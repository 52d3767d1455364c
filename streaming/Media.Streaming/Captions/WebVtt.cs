using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Media.Streaming.Captions;

/// <summary>Turns an uploaded .vtt or .srt caption file into validated WebVTT, the one format browsers play.</summary>
internal static partial class WebVtt
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The captions as WebVTT, or why they cannot be used (with the line number).</summary>
    public static (string? Vtt, string? Error) Convert(string text, double? durationSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var isVtt = lines[0].StartsWith("WEBVTT", StringComparison.Ordinal);
        var output = new StringBuilder("WEBVTT\n\n");
        var cues = 0;
        var start = isVtt ? 1 : 0;
        if (isVtt)
        {
            // Skip the header block (WEBVTT line plus metadata up to the first blank line).
            while (start < lines.Length && lines[start].Length > 0)
            {
                start++;
            }
        }

        double previousStart = 0;
        for (var i = start; i < lines.Length; i++)
        {
            var match = Timing().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            if (!TryParse(match.Groups["from"].Value, out var from) || !TryParse(match.Groups["to"].Value, out var to) || to <= from)
            {
                return (null, $"line {i + 1}: the cue's end must come after its start ({lines[i].Trim()}).");
            }

            if (from < previousStart - 0.001)
            {
                return (null, $"line {i + 1}: cues must be in time order.");
            }

            if (durationSeconds is { } duration && from > duration + 1)
            {
                return (null, $"line {i + 1}: the cue starts at {from:0.###} s, after the end of the lesson ({duration:0.#} s).");
            }

            previousStart = from;
            var settings = isVtt ? match.Groups["settings"].Value.TrimEnd() : "";
            output.Append(Format(from)).Append(" --> ").Append(Format(to)).Append(settings).Append('\n');
            var texts = 0;
            for (i++; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                // "-->" inside cue text would end the cue early in a WebVTT parser.
                output.Append(lines[i].Replace("-->", "→", StringComparison.Ordinal)).Append('\n');
                texts++;
            }

            if (texts == 0)
            {
                return (null, $"line {i}: a cue has no text.");
            }

            output.Append('\n');
            cues++;
        }

        return cues == 0
            ? (null, "no cues found: expected WebVTT (starting with WEBVTT) or SubRip (.srt) with lines like 00:00:01,000 --> 00:00:04,000.")
            : (output.ToString(), null);
    }

    /// <summary>The cues of WebVTT that <see cref="Convert"/> made, as plain text: markup such as &lt;v 老师&gt; removed, lines joined.</summary>
    public static IReadOnlyList<Contracts.CaptionCue> Cues(string vtt)
    {
        ArgumentNullException.ThrowIfNull(vtt);
        var cues = new List<Contracts.CaptionCue>();
        var lines = vtt.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Timing().Match(lines[i]);
            if (!match.Success || !TryParse(match.Groups["from"].Value, out var from) || !TryParse(match.Groups["to"].Value, out var to))
            {
                continue;
            }

            var text = new StringBuilder();
            for (i++; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                text.Append(text.Length > 0 ? " " : "").Append(Markup().Replace(lines[i], "").Trim());
            }

            if (text.Length > 0)
            {
                cues.Add(new Contracts.CaptionCue(from, to, System.Net.WebUtility.HtmlDecode(text.ToString())));
            }
        }

        return cues;
    }

    private static bool TryParse(string value, out double seconds)
    {
        seconds = 0;
        var parts = value.Replace(',', '.').Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var hours = parts.Length == 3 ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        var rest = double.Parse(parts[^1], CultureInfo.InvariantCulture);
        if (minutes > 59 || rest >= 60)
        {
            return false;
        }

        seconds = (hours * 3600) + (minutes * 60) + rest;
        return true;
    }

    private static string Format(double seconds)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");
    }

    [GeneratedRegex(@"^\s*(?<from>(\d{1,3}:)?\d{2}:\d{2}[.,]\d{3})\s*-->\s*(?<to>(\d{1,3}:)?\d{2}:\d{2}[.,]\d{3})(?<settings>.*)$")]
    private static partial Regex Timing();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Markup();
}
