using Media.Catalog.Lessons;

namespace Media.Catalog.Search;

/// <summary>
/// Picks the lines of a lesson's timed text that a search matched, the same way for every index engine: a line holding
/// more of the query's words ranks first, and a long Chinese word typed without spaces matches a line holding most
/// of its two-character pieces, as the bigram fields matched it.
/// </summary>
internal static class TranscriptMatcher
{
    public const int MaxMoments = 3;

    public static IReadOnlyList<LessonMoment> Moments(IReadOnlyList<TimedLine> lines, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(words);
        if (lines.Count == 0 || words.Count == 0)
        {
            return [];
        }

        return lines
            .Select(line => (Line: line, Score: words.Sum(word => Score(line.Text, word))))
            .Where(scored => scored.Score > 0)
            .OrderByDescending(scored => scored.Score).ThenBy(scored => scored.Line.StartSeconds)
            .Take(MaxMoments)
            .OrderBy(scored => scored.Line.StartSeconds)
            .Select(scored => new LessonMoment(scored.Line.StartSeconds, scored.Line.Source, SearchHighlighter.Highlight(scored.Line.Text, words)))
            .ToList();
    }

    /// <summary>1 for the word itself; for a longer word, the share of its bigrams the line holds when that is at least half.</summary>
    private static double Score(string text, string word)
    {
        if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        if (word.Length <= 2)
        {
            return 0;
        }

        var pieces = Enumerable.Range(0, word.Length - 1).Select(i => word.Substring(i, 2)).Distinct().ToList();
        var held = pieces.Count(piece => text.Contains(piece, StringComparison.OrdinalIgnoreCase)) / (double)pieces.Count;
        return held >= 0.5 ? held * 0.9 : 0;
    }
}
