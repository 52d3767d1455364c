using Media.Catalog.Lessons;
using Media.Transcoding.Contracts;

namespace Media.Catalog.Tests;

/// <summary>What the slides tell a lesson: title card fields where the teacher left them empty, chapter titles from headings.</summary>
public sealed class LessonSlidesTests
{
    private static Lesson Draft() => new()
    {
        Id = Guid.NewGuid(), Title = "VID_0930", TitleFromFileName = true, Subject = "语文", SourceBlobKey = "uploads/x", Sha256 = "",
        Chapters = [new ChapterMark(0, "第1节"), new ChapterMark(120, "第2节"), new ChapterMark(300, "第3节")],
    };

    private static TimedLine Shown(double at, string text) => new(at, at + 20, text, LessonTextSources.Screen);

    [Fact]
    public void Apply_SuggestedChapters_TakeTheFirstLineShownInTheirFirstHalfMinute()
    {
        var lesson = Draft();

        LessonSlides.Apply(lesson, [Shown(2, "背影 朱自清"), Shown(2, "八年级上册"), Shown(125, "一、整体感知"), Shown(360, "课堂小结")], card: null);

        Assert.Equal(["背影 朱自清", "一、整体感知", "第3节"], lesson.Chapters.Select(c => c.Title));
    }

    [Fact]
    public void Apply_ChaptersTheTeacherEdited_StayAsTheyAre()
    {
        var lesson = Draft();
        lesson.ChaptersEdited = true;

        LessonSlides.Apply(lesson, [Shown(2, "背影 朱自清")], card: null);

        Assert.Equal("第1节", lesson.Chapters[0].Title);
    }

    [Fact]
    public void Apply_TitleCard_FillsOnlyWhatIsEmptyAndReplacesAFileNameTitle()
    {
        var lesson = Draft();

        LessonSlides.Apply(lesson, [], new TitleCard("背影", "初中", "八年级", "数学", "人教版", "八年级上册", "济南市历下实验中学", "张老师"));

        Assert.Equal(("背影", "语文", "人教版", "张老师"), (lesson.Title, lesson.Subject, lesson.Edition, lesson.Teacher));
        Assert.False(lesson.TitleFromFileName);
        Assert.Equal("数学", lesson.TitleCard?.Subject);

        var named = Draft();
        named.Title = "《背影》第一课时";
        named.TitleFromFileName = false;
        LessonSlides.Apply(named, [], new TitleCard("背影", null, null, null, null, null, null, null));
        Assert.Equal("《背影》第一课时", named.Title);
    }
}
