using Media.Platform.Events;
using Media.Review.Data;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>Keeps what a video's title card says, so that the technical check can compare it with the entry (idempotent).</summary>
internal sealed class TitleCardHandler(ReviewDbContext db) : IHandles<LessonScreenTextRead>
{
    public async Task HandleAsync(LessonScreenTextRead domainEvent, CancellationToken cancellationToken)
    {
        var updated = await db.Lessons.Where(l => l.LessonId == domainEvent.LessonId)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.CardSubject, domainEvent.Card == null ? null : domainEvent.Card.Subject), cancellationToken);

        // Each module hears events on its own; should the card come before review has heard of the video, saying
        // nothing would lose it for good, so the delivery fails and is retried until MediaAccepted has arrived.
        if (updated == 0)
        {
            throw new InvalidOperationException($"Review does not know lesson {domainEvent.LessonId} yet; its title card will be kept on a later attempt.");
        }
    }
}
