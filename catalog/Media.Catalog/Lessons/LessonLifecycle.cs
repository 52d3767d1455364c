using Media.Catalog.Search;
using Media.Transcoding.Contracts;
using Media.Catalog.Data;

namespace Media.Catalog.Lessons;

/// <summary>
/// A lesson's status as its transcoding moves on: draft → processing → published, or failed. A published lesson
/// never goes back, and every step may be repeated (events are redelivered) or come late.
/// </summary>
internal sealed class LessonLifecycle(CatalogDbContext db, LessonIndexer indexer, TimeProvider time)
{
    /// <summary>Catches a lesson up with its transcode as transcoding records it, for events that ran before the lesson existed here.</summary>
    public Task CatchUpAsync(Lesson lesson, TranscodeSnapshot? transcode, CancellationToken cancellationToken) => transcode?.Stage switch
    {
        TranscodeStage.Processing => MoveAsync(lesson, LessonStatus.Processing, null, cancellationToken),
        TranscodeStage.Published => PublishAsync(lesson, transcode.SuggestedChapters, cancellationToken),
        TranscodeStage.Failed => MoveAsync(lesson, LessonStatus.Failed, transcode.FailureReason, cancellationToken),
        _ => Task.CompletedTask,
    };

    public async Task PublishAsync(Lesson lesson, IReadOnlyList<ChapterMark> suggestedChapters, CancellationToken cancellationToken)
    {
        if (!lesson.ChaptersEdited && lesson.Chapters.Count == 0)
        {
            lesson.Chapters = suggestedChapters.ToList();
        }

        if (lesson.Status != LessonStatus.Published)
        {
            lesson.Status = LessonStatus.Published;
            lesson.ProcessingError = null;
            lesson.UpdatedAt = time.GetUtcNow();
            lesson.PublishedAt = lesson.UpdatedAt;
        }

        // The index first (also for a redelivered event): once the status reads "published", search finds the lesson.
        await indexer.IndexAsync(lesson, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MoveAsync(Lesson lesson, LessonStatus status, string? failure, CancellationToken cancellationToken)
    {
        if (lesson.Status == status || lesson.Status == LessonStatus.Published)
        {
            return;
        }

        lesson.Status = status;
        lesson.ProcessingError = failure;
        lesson.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
