using Media.Platform.Events;
using Media.Review.Contracts;
using Media.Streaming.Analytics;
using Microsoft.EntityFrameworkCore;

namespace Media.Streaming.Delivery;

/// <summary>Opens an awarded lesson to everyone when its campaign's rules say awarded lessons become public (idempotent).</summary>
internal sealed class AwardAccessHandler(StreamingDbContext db) : IHandles<LessonAwarded>
{
    public async Task HandleAsync(LessonAwarded domainEvent, CancellationToken cancellationToken)
    {
        if (!domainEvent.OpenToPublic)
        {
            return;
        }

        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.LessonId == domainEvent.LessonId, cancellationToken);
        if (delivery is null)
        {
            delivery = new LessonDelivery { LessonId = domainEvent.LessonId };
            db.Deliveries.Add(delivery);
        }

        delivery.Access = AccessLevel.Public;
        await db.SaveChangesAsync(cancellationToken);
    }
}
