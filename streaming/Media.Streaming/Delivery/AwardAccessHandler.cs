using Media.Platform.Events;
using Media.Review.Contracts;
using Media.Streaming.Analytics;

namespace Media.Streaming.Delivery;

/// <summary>Opens an awarded lesson to everyone when its campaign's rules say awarded lessons become public (idempotent).</summary>
internal sealed class AwardAccessHandler(StreamingDbContext db, DomainEvents events) : IHandles<LessonAwarded>
{
    public async Task HandleAsync(LessonAwarded domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent.OpenToPublic)
        {
            await DeliveryEndpoints.ChangeAccessAsync(domainEvent.LessonId, AccessLevel.Public, db, events, cancellationToken);
        }
    }
}
