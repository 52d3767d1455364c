using Media.Catalog.Contracts;
using Media.Platform.Events;
using Media.Review.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>
/// Follows the catalog's edits of a lesson (title, textbook place, subject), so that entries show and reviewers are
/// assigned by what the lesson is now. An older change arriving after a newer one (a retried delivery) is ignored.
/// </summary>
internal sealed class LessonDetailsHandler(ReviewDbContext db) : IHandles<LessonDetailsChanged>
{
    public async Task HandleAsync(LessonDetailsChanged domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        await db.Lessons
            .Where(l => l.LessonId == domainEvent.LessonId && (l.DetailsChangedAt == null || l.DetailsChangedAt <= domainEvent.ChangedAt))
            .ExecuteUpdateAsync(l => l
                .SetProperty(x => x.Title, domainEvent.Title)
                .SetProperty(x => x.Stage, domainEvent.Stage)
                .SetProperty(x => x.Grade, domainEvent.Grade)
                .SetProperty(x => x.Subject, domainEvent.Subject)
                .SetProperty(x => x.Edition, domainEvent.Edition)
                .SetProperty(x => x.Lesson, domainEvent.Lesson)
                .SetProperty(x => x.DetailsChangedAt, domainEvent.ChangedAt), cancellationToken);
    }
}
