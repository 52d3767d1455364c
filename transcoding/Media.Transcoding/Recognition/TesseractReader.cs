using System.Globalization;
using System.Text;
using Media.Platform.Tools;
using Microsoft.Extensions.Options;

namespace Media.Transcoding.Recognition;

/// <summary>
/// Reads the text lines of one frame with Debian's tesseract-ocr (LSTM, chi_sim + eng). Sparse-text page segmentation
/// (<c>--psm 11</c>) finds titles and lines anywhere on a slide or blackboard, where the default layout analysis missed
/// light text on a dark board. Words below <see cref="RecognitionOptions.MinConfidence"/> are dropped.
/// </summary>
internal sealed class TesseractReader(MediaToolRunner runner, IOptions<RecognitionOptions> options)
{
    public const string EngineName = "tesseract";

    public async Task<IReadOnlyList<string>> ReadAsync(string imagePath, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var command = new ToolCommand(settings.TesseractPath, [imagePath, "stdout", "-l", settings.Languages, "--psm", "11", "tsv"])
        {
            Timeout = settings.FrameTimeout,
            // One core per reading: the background queue's worker count is what bounds OCR's share of the machine.
            Environment = new Dictionary<string, string> { ["OMP_THREAD_LIMIT"] = "1" },
        };
        var result = await runner.RunAsync(command, cancellationToken);
        return result.Succeeded
            ? LinesOf(result.Output, settings.MinConfidence)
            : throw new ToolFailedException($"tesseract exited with {result.ExitCode}: {result.Tail(2)}");
    }

    /// <summary>Whether the engine and its languages are installed.</summary>
    public async Task<string?> MissingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            var result = await runner.RunAsync(new ToolCommand(settings.TesseractPath, ["--list-langs"]) { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
            var installed = (result.Output + "\n" + result.Errors).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var missing = settings.Languages.Split('+').Where(language => !installed.Contains(language)).ToList();
            return missing.Count == 0 ? null : $"tesseract lacks the language data {string.Join(", ", missing)} (Debian: tesseract-ocr-chi-sim).";
        }
        catch (ToolFailedException e)
        {
            return $"tesseract-ocr is not installed ({e.Message}).";
        }
    }

    /// <summary>The lines of Tesseract's TSV output: its confident words, grouped by block, paragraph and line.</summary>
    internal static IReadOnlyList<string> LinesOf(string tsv, int minConfidence)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var lines = new List<string>();
        var current = new StringBuilder();
        string? key = null;
        foreach (var row in tsv.Split('\n').Skip(1))
        {
            var columns = row.TrimEnd('\r').Split('\t');
            if (columns.Length < 12 || columns[0] != "5" || columns[11].Trim().Length == 0)
            {
                continue;
            }

            var lineKey = $"{columns[2]}.{columns[3]}.{columns[4]}";
            if (lineKey != key)
            {
                Flush();
                key = lineKey;
            }

            if (!double.TryParse(columns[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) || confidence < minConfidence)
            {
                continue;
            }

            var word = columns[11].Trim();
            // Chinese is written without spaces: Tesseract's word breaks between two characters are not kept.
            if (current.Length > 0 && !(IsCjk(current[^1]) && IsCjk(word[0])))
            {
                current.Append(' ');
            }

            current.Append(word);
        }

        Flush();
        return lines;

        void Flush()
        {
            var text = current.ToString().Trim();
            current.Clear();
            if (IsText(text))
            {
                lines.Add(text);
            }
        }
    }

    /// <summary>Two Chinese characters or three letters or digits, and mostly not symbols: a lone "|" or "—" is a board's edge.</summary>
    private static bool IsText(string text)
    {
        var cjk = text.Count(IsCjk);
        var alphanumeric = text.Count(char.IsAsciiLetterOrDigit);
        var other = text.Count(c => !IsCjk(c) && !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c));
        return (cjk >= 2 || alphanumeric >= 3) && other <= (cjk + alphanumeric) / 2;
    }

    internal static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
