using Media.Transcoding.Contracts;
using Media.Transcoding.Recognition;

namespace Media.Transcoding.Tests;

/// <summary>Turning Tesseract's output and ffmpeg's frame log into timed lines of on-screen text.</summary>
public sealed class ScreenTextTests
{
    private const string Header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    private static string Word(int block, int line, double confidence, string text) =>
        $"5\t1\t{block}\t1\t{line}\t1\t0\t0\t10\t10\t{confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}\t{text}\n";

    [Fact]
    public void LinesOf_ChineseWords_AreJoinedWithoutSpacesAndUnsureLinesDropped()
    {
        var tsv = Header + "1\t1\t0\t0\t0\t0\t0\t0\t640\t360\t-1\t\n"
            + Word(1, 1, 91, "勾股") + Word(1, 1, 0, "定理") + Word(1, 1, 95, "的证明")
            + Word(2, 1, 93, "a²+b²=c²") + Word(2, 1, 90, "Pythagoras")
            + Word(3, 1, 20, "朦胧") + Word(3, 1, 30, "的")
            + Word(4, 1, 96, "|");

        var lines = TesseractReader.LinesOf(tsv, minConfidence: 55);

        Assert.Equal(["勾股定理的证明", "a²+b²=c² Pythagoras"], lines);
    }

    [Fact]
    public void Merge_LineOnSeveralFrames_LastsFromItsFirstFrameToTheFrameWithoutIt()
    {
        IReadOnlyList<(double, IReadOnlyList<string>)> frames =
        [
            (0, ["第一节 导入"]),
            (40, ["勾股定理的证明", "第一节  导入"]),
            (45, ["勾股定理的证明"]),
            (70, []),
        ];

        var lines = ScreenTextTimeline.Merge(frames, durationSeconds: 90);

        Assert.Equal(2, lines.Count);
        Assert.Equal((0d, 45d, "第一节 导入"), (lines[0].StartSeconds, lines[0].EndSeconds, lines[0].Text));
        Assert.Equal((40d, 70d, "勾股定理的证明"), (lines[1].StartSeconds, lines[1].EndSeconds, lines[1].Text));
    }

    [Fact]
    public void Merge_LineStillShownAtTheEnd_LastsToTheEndOfTheLesson()
    {
        var lines = ScreenTextTimeline.Merge([(30, ["课堂小结"])], durationSeconds: 95);

        Assert.Equal(95, Assert.Single(lines).EndSeconds);
    }

    [Fact]
    public void TimesOf_ShowinfoLog_GivesEachWrittenFrameItsTime()
    {
        const string log = """
            [Parsed_showinfo_3 @ 0x55] config in time_base: 2/1, frame_rate: 1/2
            [Parsed_showinfo_3 @ 0x55] n:   0 pts:      0 pts_time:0       duration:      1
            [Parsed_showinfo_3 @ 0x55] n:   1 pts:      8 pts_time:40      duration:      1
            frame=    2 fps=0.0 q=-0.0 size=N/A time=00:00:40.00
            [Parsed_showinfo_3 @ 0x55] n:   2 pts:     14 pts_time:70.5    duration:      1
            """;

        Assert.Equal([0, 40, 70.5], ScreenFrames.TimesOf(log));
    }

    [Fact]
    public void IntervalFor_LongLesson_SamplesSparselyEnoughToStayUnderTheFrameBudget()
    {
        var options = new RecognitionOptions { SampleSeconds = 5, MaxFrames = 720 };

        Assert.Equal(5, ScreenFrames.IntervalFor(45 * 60, options));
        Assert.Equal(20, ScreenFrames.IntervalFor(4 * 3600, options));
    }
}

/// <summary>Reading a 一师一优课 title card from the first seconds of on-screen text.</summary>
public sealed class TitleCardTests
{
    private static ScreenTextLine Line(double at, string text) => new(at, at + 5, text);

    [Fact]
    public void Read_UnlabelledCardWithTheTitleLabelReadApart_FindsTitleGradeEditionSchoolAndTeacher()
    {
        var card = TitleCardReader.Read(
        [
            Line(0, "课题"), Line(0, "背影"), Line(0, "八年级上册 人教版"), Line(0, "语文"), Line(0, "济南市历下实验中学"), Line(0, "张老师"),
            Line(40, "数学 课堂小结"),
        ]);

        Assert.NotNull(card);
        Assert.Equal(("背影", "初中", "八年级", "语文", "人教版", "八年级上册"), (card.Title, card.Stage, card.Grade, card.Subject, card.Edition, card.Volume));
        Assert.Equal(("济南市历下实验中学", "张老师"), (card.School, card.Teacher));
    }

    [Fact]
    public void Read_LabelledFields_WinOverShapesAndAnEditionNamedAfterASubject()
    {
        var card = TitleCardReader.Read([Line(1, "课题：春"), Line(1, "学科：语文 年级：七年级"), Line(1, "教材版本：语文版"), Line(1, "授课教师：李明")]);

        Assert.NotNull(card);
        Assert.Equal(("春", "语文", "七年级", "语文版", "李明", "初中"), (card.Title, card.Subject, card.Grade, card.Edition, card.Teacher, card.Stage));
    }

    [Fact]
    public void Read_NoTextInTheFirstSeconds_IsNoCard()
    {
        Assert.Null(TitleCardReader.Read([Line(40, "勾股定理的证明")]));
        Assert.Null(TitleCardReader.Read([Line(0, "Welcome")]));
    }
}
