using System.Globalization;
using System.Text;
using Media.Platform.Tools;
using Microsoft.Extensions.Options;

namespace Media.Transcoding.Recognition;

/// <summary>
/// Reads the text lines of one frame with Debian's tesseract-ocr (LSTM, chi_sim + eng). Sparse-text page segmentation
/// (<c>--psm 11</c>) finds titles and lines anywhere on a slide or blackboard, where the default layout analysis missed
/// light text on a dark board. Lines whose words Tesseract is, on average, less sure of than
/// <see cref="RecognitionOptions.MinConfidence"/> are dropped.
/// </summary>
internal sealed class TesseractReader(MediaToolRunner runner, IOptions<RecognitionOptions> options) : IScreenTextEngine
{
    public const string EngineName = "tesseract";

    public string Name => EngineName;

    public Task<IReadOnlyList<string>> ReadAsync(string imagePath, CancellationToken cancellationToken) => ReadAsync(imagePath, PageLayout.Sparse, cancellationToken);

    public Task<IReadOnlyList<string>> ReadCardAsync(string imagePath, CancellationToken cancellationToken) => ReadAsync(imagePath, PageLayout.Block, cancellationToken);

    public async Task<IReadOnlyList<string>> ReadAsync(string imagePath, PageLayout layout, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var psm = ((int)layout).ToString(CultureInfo.InvariantCulture);
        var command = new ToolCommand(settings.TesseractPath, [imagePath, "stdout", "-l", settings.Languages, "--psm", psm, "tsv"])
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

    /// <summary>
    /// The lines of Tesseract's TSV output, grouped by block, paragraph and line, kept when their words' mean confidence
    /// reaches the minimum. Judged per line, not per word: a clear line keeps a character Tesseract doubted (册 at 0 %),
    /// and a face or a shelf read as characters goes as a whole.
    /// </summary>
    internal static IReadOnlyList<string> LinesOf(string tsv, int minConfidence)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var lines = new List<string>();
        var current = new StringBuilder();
        var confidences = new List<double>();
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

            confidences.Add(double.TryParse(columns[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) ? Math.Max(0, confidence) : 0);
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
            if (confidences.Count > 0 && confidences.Average() >= minConfidence && IsText(text))
            {
                lines.Add(text);
            }

            current.Clear();
            confidences.Clear();
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

/// <summary>How Tesseract looks for text on a frame (its page segmentation mode).</summary>
internal enum PageLayout
{
    /// <summary>One uniform block of lines: reads a centred title card most faithfully, misses text scattered on a board.</summary>
    Block = 6,

    /// <summary>Sparse text anywhere: slides, blackboards, screens.</summary>
    Sparse = 11,
}
