using System.Security.Claims;
using Media.Platform.Events;
using Media.Platform.Identity.Admin;
using Media.Streaming.Analytics;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Streaming.Data;

namespace Media.Streaming.Delivery;

/// <summary>Who may watch each lesson: recorded here, told to the catalog (which shows the lesson's metadata to the same people).</summary>
internal sealed class LessonAccessSettings(StreamingDbContext db, DomainEvents events, AdminAudit audit)
{
    public async Task<AccessLevel> GetAsync(Guid lessonId, CancellationToken cancellationToken) =>
        await db.Deliveries.AsNoTracking().Where(d => d.LessonId == lessonId).Select(d => (AccessLevel?)d.Access).FirstOrDefaultAsync(cancellationToken)
        ?? AccessLevel.SignedIn;

    public async Task ChangeAsync(Guid lessonId, AccessLevel level, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.LessonId == lessonId, cancellationToken);
        if (delivery is null)
        {
            delivery = new LessonDelivery { LessonId = lessonId };
            db.Deliveries.Add(delivery);
        }

        delivery.Access = level;
        events.Publish(db, new LessonAccessChanged(lessonId, level));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A person changes who may watch: the change, and its entry in the administrative audit log.</summary>
    public async Task ChangeAsync(Guid lessonId, AccessLevel level, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await ChangeAsync(lessonId, level, cancellationToken);
        await audit.RecordAsync(actor, "lesson.access-changed", $"lesson:{lessonId}", AccessLevels.NameOf(level), cancellationToken);
    }
}
