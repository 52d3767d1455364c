using Media.Catalog.Contracts;
using Media.Catalog.Data;
using Media.Platform.Events;

namespace Media.Catalog.Lessons;

/// <summary>A lesson's descriptive fields as other modules copy them; a change is published with the save that makes it.</summary>
internal static class LessonDetails
{
    public static LessonDetailsChanged Of(Lesson lesson, DateTimeOffset at) =>
        new(lesson.Id, lesson.Title, lesson.Stage, lesson.Grade, lesson.Subject, lesson.Edition, lesson.Volume, lesson.Unit, lesson.LessonName, at);

    /// <summary>Publishes the lesson's details into <paramref name="db"/> when they differ from <paramref name="before"/>.</summary>
    public static void PublishIfChanged(DomainEvents events, CatalogDbContext db, LessonDetailsChanged before, Lesson lesson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(before);
        if (Of(lesson, before.ChangedAt) != before)
        {
            events.Publish(db, Of(lesson, at));
        }
    }
}
