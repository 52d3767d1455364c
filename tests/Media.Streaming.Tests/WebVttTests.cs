using Media.Streaming.Captions;

namespace Media.Streaming.Tests;

public sealed class WebVttTests
{
    [Fact]
    public void Convert_SubRip_BecomesWebVttWithDotsAndNoIndexes()
    {
        var srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:04,500\r\n同学们好\r\n\r\n2\r\n00:00:05,000 --> 00:00:07,000\r\n今天我们学习《背影》\r\n第二行\r\n";

        var (vtt, error) = WebVtt.Convert(srt);

        Assert.Null(error);
        Assert.Equal("WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n同学们好\n\n00:00:05.000 --> 00:00:07.000\n今天我们学习《背影》\n第二行\n\n", vtt);
    }

    [Fact]
    public void Convert_WebVttWithHeaderAndSettings_KeepsCuesAndSettings()
    {
        var (vtt, error) = WebVtt.Convert("WEBVTT - lesson\nKind: captions\n\nintro\n01:02.500 --> 01:04.000 line:90%\nHello\n");

        Assert.Null(error);
        Assert.Equal("WEBVTT\n\n00:01:02.500 --> 00:01:04.000 line:90%\nHello\n\n", vtt);
    }

    [Theory]
    [InlineData("just some text", "no cues found")]
    [InlineData("1\n00:00:05,000 --> 00:00:04,000\nbackwards\n", "end must come after")]
    [InlineData("1\n00:00:05,000 --> 00:00:06,000\nb\n\n2\n00:00:01,000 --> 00:00:02,000\na\n", "time order")]
    [InlineData("1\n00:10:00,000 --> 00:10:02,000\nlate\n", "after the end of the lesson")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\n\n", "no text")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nthis --> that\n\n2\n00:00:61,000 --> 00:00:62,000\nx\n", "end must come after")]
    public void Convert_BadCaptions_ExplainsWhy(string text, string expected)
    {
        var (vtt, error) = WebVtt.Convert(text, durationSeconds: 60);

        Assert.Null(vtt);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_ArrowInCueText_IsReplacedSoTheCueCannotEndEarly()
    {
        var (vtt, _) = WebVtt.Convert("00:00:01.000 --> 00:00:02.000\na --> b\n");

        Assert.Contains("a → b", vtt, StringComparison.Ordinal);
    }
}
