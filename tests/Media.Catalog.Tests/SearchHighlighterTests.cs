using Media.Catalog.Search;

namespace Media.Catalog.Tests;

public sealed class SearchHighlighterTests
{
    [Fact]
    public void Highlight_WordInTitle_WrapsItInEm()
    {
        Assert.Equal("《<em>背影</em>》第一课时", SearchHighlighter.Highlight("《背影》第一课时", ["背影"]));
    }

    [Fact]
    public void Highlight_WordNotVerbatim_MatchesItsTwoCharacterPiecesAndMergesThem()
    {
        Assert.Equal("<em>人教版</em>八年级", SearchHighlighter.Highlight("人教版八年级", ["人教版本"]));
    }

    [Fact]
    public void Highlight_Markup_IsEncoded()
    {
        Assert.Equal("&lt;b&gt;<em>光合</em>&lt;/b&gt;", SearchHighlighter.Highlight("<b>光合</b>", ["光合"]));
    }

    [Fact]
    public void Highlight_LatinWord_IgnoresCase()
    {
        Assert.Equal("<em>Photo</em>synthesis", SearchHighlighter.Highlight("Photosynthesis", SearchHighlighter.WordsOf("PHOTO")));
    }

    [Fact]
    public void Snippet_LongText_CentresOnTheFirstMatch()
    {
        var text = new string('甲', 200) + "背影" + new string('乙', 200);

        var snippet = SearchHighlighter.Snippet(text, ["背影"])!;

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("<em>背影</em>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void WordsOf_ChinesePunctuationAndSpaces_SplitsIntoWords()
    {
        Assert.Equal(["人教版", "背影", "朱自清"], SearchHighlighter.WordsOf(" 人教版，《背影》 朱自清 "));
    }
}
