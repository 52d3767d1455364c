using Media.Transcoding.Contracts;

namespace Media.Catalog.Lessons;

/// <summary>
/// What the slides tell the catalog about a lesson (智能识别，简便上传): its title card prefills what the teacher left empty,
/// and suggested chapters take the heading of their first slide. Nothing the teacher entered is overwritten.
/// </summary>
internal static class LessonSlides
{
    public const int MaxChapterTitle = 60;

    public static void Apply(Lesson lesson, IReadOnlyList<TimedLine> lines, TitleCard? card)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        ArgumentNullException.ThrowIfNull(lines);
        if (card is not null)
        {
            lesson.TitleCard = card;
            if (lesson.TitleFromFileName && card.Title is { Length: > 0 } title)
            {
                lesson.Title = title;
                lesson.TitleFromFileName = false;
            }

            lesson.Stage ??= card.Stage;
            lesson.Grade ??= card.Grade;
            lesson.Subject ??= card.Subject;
            lesson.Edition ??= card.Edition;
            lesson.Volume ??= card.Volume;
            lesson.School ??= card.School;
            lesson.Teacher ??= card.Teacher;
        }

        if (!lesson.ChaptersEdited)
        {
            lesson.Chapters = lesson.Chapters.Select((chapter, i) =>
            {
                var end = i + 1 < lesson.Chapters.Count ? lesson.Chapters[i + 1].StartSeconds : double.MaxValue;
                // The first line shown in the chapter's first half minute, read top first: the slide's heading.
                var heading = lines.FirstOrDefault(l => l.StartSeconds >= chapter.StartSeconds && l.StartSeconds < Math.Min(end, chapter.StartSeconds + 30));
                return heading is null ? chapter : chapter with { Title = heading.Text.Length > MaxChapterTitle ? heading.Text[..MaxChapterTitle] : heading.Text };
            }).ToList();
        }
    }
}
