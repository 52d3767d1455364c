using Media.Platform.Events;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Lessons;

/// <summary>Keeps a lesson's status in step with its transcoding. Idempotent, and a published lesson never goes back.</summary>
internal sealed class LessonStatusHandlers(CatalogDbContext db, TimeProvider time)
    : IHandles<LessonProcessing>, IHandles<LessonPublished>, IHandles<LessonTranscodeFailed>
{
    public Task HandleAsync(LessonProcessing domainEvent, CancellationToken cancellationToken) =>
        SetAsync(domainEvent.LessonId, LessonStatus.Processing, cancellationToken);

    public async Task HandleAsync(LessonPublished domainEvent, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == domainEvent.LessonId, cancellationToken);
        if (lesson is not null && !lesson.ChaptersEdited && lesson.Chapters.Count == 0)
        {
            lesson.Chapters = domainEvent.SuggestedChapters.ToList();
            await db.SaveChangesAsync(cancellationToken);
        }

        await SetAsync(domainEvent.LessonId, LessonStatus.Published, cancellationToken);
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
