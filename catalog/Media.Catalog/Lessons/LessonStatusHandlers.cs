using Media.Catalog.Search;
using Media.Platform.Events;
using Media.Streaming.Contracts;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Lessons;

/// <summary>Keeps a lesson's status in step with its transcoding. Idempotent, and a published lesson never goes back.</summary>
internal sealed class LessonStatusHandlers(CatalogDbContext db, LessonIndexer indexer, TimeProvider time)
    : IHandles<LessonProcessing>, IHandles<LessonPublished>, IHandles<LessonTranscodeFailed>, IHandles<LessonEngagementChanged>
{
    public Task HandleAsync(LessonProcessing domainEvent, CancellationToken cancellationToken) =>
        SetAsync(domainEvent.LessonId, LessonStatus.Processing, cancellationToken);

    public async Task HandleAsync(LessonPublished domainEvent, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == domainEvent.LessonId, cancellationToken);
        if (lesson is null)
        {
            return;
        }

        if (!lesson.ChaptersEdited && lesson.Chapters.Count == 0)
        {
            lesson.Chapters = domainEvent.SuggestedChapters.ToList();
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

    public async Task HandleAsync(LessonEngagementChanged domainEvent, CancellationToken cancellationToken)
    {
        var updated = await db.Lessons.Where(l => l.Id == domainEvent.LessonId)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Views, domainEvent.Views).SetProperty(x => x.Downloads, domainEvent.Downloads), cancellationToken);
        if (updated > 0)
        {
            await indexer.RefreshAsync(domainEvent.LessonId, cancellationToken);
        }
    }

    public Task HandleAsync(LessonTranscodeFailed domainEvent, CancellationToken cancellationToken) =>
        SetAsync(domainEvent.LessonId, LessonStatus.Failed, cancellationToken, domainEvent.Reason);

    private async Task SetAsync(Guid lessonId, LessonStatus status, CancellationToken cancellationToken, string? failure = null)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId, cancellationToken);
        if (lesson is null || lesson.Status == status || (lesson.Status == LessonStatus.Published && status != LessonStatus.Published))
        {
            return;
        }

        lesson.Status = status;
        lesson.ProcessingError = failure;
        lesson.UpdatedAt = time.GetUtcNow();

        await db.SaveChangesAsync(cancellationToken);
    }
}
