using Media.Platform.Events;
using Media.Streaming.Analytics;
using Media.Streaming.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Media.Streaming.Delivery;

/// <summary>
/// Counts a download when the MP4 is fetched from its first byte, once per viewer and lesson within
/// <see cref="Window"/>: a download manager's probes, retries and resumed ranges are one download, not twenty.
/// The window is remembered by this process (a restart or another node may count a viewer once more).
/// </summary>
internal sealed class DownloadCounter(StreamingDbContext db, DomainEvents events, IMemoryCache seen)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public async Task CountAsync(Guid lessonId, Guid viewerId, CancellationToken cancellationToken)
    {
        var key = (nameof(DownloadCounter), lessonId, viewerId);
        if (seen.TryGetValue(key, out _))
        {
            return;
        }

        seen.Set(key, true, Window);
        var updated = await db.Deliveries.Where(d => d.LessonId == lessonId)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Downloads, x => x.Downloads + 1), cancellationToken);
        if (updated == 0)
        {
            db.Deliveries.Add(new LessonDelivery { LessonId = lessonId, Downloads = 1 });
            await db.SaveChangesAsync(cancellationToken);
        }

        await Engagement.AnnounceAsync(lessonId, db, events, cancellationToken);
    }
}
