using Media.Catalog.Search;
using Media.Platform.Events;
using Media.Review.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Lessons;

/// <summary>A campaign award shows on the lesson (the award facet) as soon as the level's results are published.</summary>
internal sealed class LessonAwardHandler(CatalogDbContext db, LessonIndexer indexer, TimeProvider time) : IHandles<LessonAwarded>
{
    /// <summary>Award levels from lowest to highest.</summary>
    internal static readonly string[] Order = ["校级优课", "县级优课", "市级优课", "省级优课", "部级优课"];

    public async Task HandleAsync(LessonAwarded domainEvent, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == domainEvent.LessonId, cancellationToken);
        // A redelivered or older award never lowers the one shown.
        if (lesson is null || Array.IndexOf(Order, lesson.AwardLevel) >= Array.IndexOf(Order, domainEvent.AwardLevel))
        {
            return;
        }

        lesson.AwardLevel = domainEvent.AwardLevel;
        lesson.Year ??= domainEvent.Year;
        lesson.UpdatedAt = time.GetUtcNow();
        await indexer.IndexAsync(lesson, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
