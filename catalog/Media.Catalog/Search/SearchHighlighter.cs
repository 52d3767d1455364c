using System.Net;
using System.Text;

namespace Media.Catalog.Search;

/// <summary>
/// Wraps the words a search matched in &lt;em&gt;, the same way for every index engine. Chinese has no spaces,
/// so a long query word that does not occur verbatim is matched by its two-character pieces, as the bigram
/// field matched it.
/// </summary>
internal static class SearchHighlighter
{
    public const int SnippetLength = 90;

    /// <summary>The query's words: split on whitespace and punctuation, lower-cased.</summary>
    public static IReadOnlyList<string> WordsOf(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? []
            : query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(w => w.Split(Punctuation, StringSplitOptions.RemoveEmptyEntries))
                .Select(w => w.ToLowerInvariant()).Distinct().ToList();

    /// <summary>The text HTML-encoded with every match in &lt;em&gt;; adjacent matches merge into one.</summary>
    public static string Highlight(string text, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Render(text, 0, text.Length, MatchesIn(text, words));
    }

    /// <summary>About <see cref="SnippetLength"/> characters around the first match, or the start when nothing matched.</summary>
    public static string? Snippet(string? text, IReadOnlyList<string> words)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var matches = MatchesIn(text, words);
        var start = matches.Count == 0 ? 0 : Math.Max(0, matches[0].Start - (SnippetLength / 3));
        var end = Math.Min(text.Length, start + SnippetLength);
        var snippet = Render(text, start, end, matches);
        return (start > 0 ? "…" : "") + snippet + (end < text.Length ? "…" : "");
    }

    private static List<(int Start, int End)> MatchesIn(string text, IReadOnlyList<string> words)
    {
        var ranges = new List<(int Start, int End)>();
        foreach (var word in words)
        {
            var found = AddOccurrences(text, word, ranges);
            if (!found && word.Length > 2)
            {
                for (var i = 0; i + 2 <= word.Length; i++)
                {
                    AddOccurrences(text, word.Substring(i, 2), ranges);
                }
            }
        }

        ranges.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static bool AddOccurrences(string text, string word, List<(int Start, int End)> ranges)
    {
        var found = false;
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.OrdinalIgnoreCase))
        {
            ranges.Add((at, at + word.Length));
            found = true;
        }

        return found;
    }

    private static string Render(string text, int start, int end, List<(int Start, int End)> matches)
    {
        var html = new StringBuilder();
        var at = start;
        foreach (var (matchStart, matchEnd) in matches)
        {
            var from = Math.Max(matchStart, start);
            var to = Math.Min(matchEnd, end);
            if (to <= from || from < at)
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(text[at..from])).Append("<em>").Append(WebUtility.HtmlEncode(text[from..to])).Append("</em>");
            at = to;
        }

        return html.Append(WebUtility.HtmlEncode(text[at..end])).ToString();
    }

    private static readonly char[] Punctuation = ",.;:!?'\"()[]{}<>，。；：！？、“”‘’（）《》【】·-_/\\|+*&^%$#@~`=".ToCharArray();
}
