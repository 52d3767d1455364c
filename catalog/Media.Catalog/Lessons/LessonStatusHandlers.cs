using Media.Catalog.Search;
using Media.Platform.Events;
using Media.Streaming.Contracts;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Lessons;

/// <summary>Keeps a lesson's status in step with its transcoding (through <see cref="LessonLifecycle"/>) and its counts with streaming.</summary>
internal sealed class LessonStatusHandlers(CatalogDbContext db, LessonLifecycle lifecycle, LessonIndexer indexer)
    : IHandles<LessonProcessing>, IHandles<LessonPublished>, IHandles<LessonTranscodeFailed>, IHandles<LessonEngagementChanged>
{
    // A lesson not here yet is not lost: its draft catches up with transcoding when it is made (LessonDraftHandler).
    public async Task HandleAsync(LessonProcessing domainEvent, CancellationToken cancellationToken)
    {
        if (await FindAsync(domainEvent.LessonId, cancellationToken) is { } lesson)
        {
            await lifecycle.MoveAsync(lesson, LessonStatus.Processing, null, cancellationToken);
        }
    }

    public async Task HandleAsync(LessonPublished domainEvent, CancellationToken cancellationToken)
    {
        if (await FindAsync(domainEvent.LessonId, cancellationToken) is { } lesson)
        {
            await lifecycle.PublishAsync(lesson, domainEvent.SuggestedChapters, cancellationToken);
        }
    }

    public async Task HandleAsync(LessonTranscodeFailed domainEvent, CancellationToken cancellationToken)
    {
        if (await FindAsync(domainEvent.LessonId, cancellationToken) is { } lesson)
        {
            await lifecycle.MoveAsync(lesson, LessonStatus.Failed, domainEvent.Reason, cancellationToken);
        }
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

    private Task<Lesson?> FindAsync(Guid lessonId, CancellationToken cancellationToken) =>
        db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId, cancellationToken);
}
