using Media.Platform.Events;
using Media.Streaming.Contracts;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Streaming.Data;

namespace Media.Streaming.Analytics;

/// <summary>Tells other modules (the catalog's counts and "most viewed" sort) when a lesson's totals changed.</summary>
internal static class Engagement
{
    public static async Task AnnounceAsync(Guid lessonId, StreamingDbContext db, DomainEvents events, CancellationToken cancellationToken)
    {
        var views = await db.ViewDays.CountAsync(v => v.LessonId == lessonId, cancellationToken);
        var downloads = await db.Deliveries.Where(d => d.LessonId == lessonId).Select(d => d.Downloads).FirstOrDefaultAsync(cancellationToken);
        events.Publish(db, new LessonEngagementChanged(lessonId, views, downloads));
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>A viewer's recent lessons from their heartbeats; completion uses the same share as the analytics.</summary>
internal sealed class ViewingHistory(StreamingDbContext db, IPublishedRenditions published) : IViewingHistory
{
    public async Task<IReadOnlyList<WatchedLesson>> RecentAsync(Guid viewerId, int take, CancellationToken cancellationToken)
    {
        var days = await db.ViewDays.AsNoTracking().Where(v => v.ViewerId == viewerId)
            .OrderByDescending(v => v.Day).Take(take * 4).ToListAsync(cancellationToken);
        var lessons = days.GroupBy(v => v.LessonId)
            .Select(g => (LessonId: g.Key, Last: g.Max(v => v.UpdatedAt), Furthest: g.Max(v => v.FurthestSeconds), Watched: g.Sum(v => v.WatchedSeconds)))
            .OrderByDescending(l => l.Last).Take(take).ToList();
        var ids = lessons.Select(l => l.LessonId).ToList();
        var positions = await db.Positions.AsNoTracking().Where(p => p.ViewerId == viewerId && ids.Contains(p.LessonId))
            .ToDictionaryAsync(p => p.LessonId, p => p.PositionSeconds, cancellationToken);
        var watched = new List<WatchedLesson>(lessons.Count);
        foreach (var lesson in lessons)
        {
            var set = await published.FindAsync(lesson.LessonId, cancellationToken);
            var completed = set is not null && AnalyticsEndpoints.Completed(lesson.Furthest, lesson.Watched, set.DurationSeconds);
            watched.Add(new WatchedLesson(lesson.LessonId, lesson.Last, completed, positions.GetValueOrDefault(lesson.LessonId), set?.DurationSeconds ?? 0));
        }

        return watched;
    }

    public async Task<IReadOnlyDictionary<Guid, WatchedLesson>> OfLessonAsync(Guid lessonId, IReadOnlyCollection<Guid> viewerIds, CancellationToken cancellationToken)
    {
        var ids = viewerIds.Distinct().ToList();
        // Grouped here: SQLite cannot aggregate DateTimeOffset, and a class's days of one lesson are few.
        var viewers = (await db.ViewDays.AsNoTracking().Where(v => v.LessonId == lessonId && ids.Contains(v.ViewerId)).ToListAsync(cancellationToken))
            .GroupBy(v => v.ViewerId)
            .Select(g => new { ViewerId = g.Key, Last = g.Max(v => v.UpdatedAt), Furthest = g.Max(v => v.FurthestSeconds), Watched = g.Sum(v => v.WatchedSeconds) })
            .ToList();
        var positions = await db.Positions.AsNoTracking().Where(p => p.LessonId == lessonId && ids.Contains(p.ViewerId))
            .ToDictionaryAsync(p => p.ViewerId, p => p.PositionSeconds, cancellationToken);
        var duration = (await published.FindAsync(lessonId, cancellationToken))?.DurationSeconds ?? 0;
        return viewers.ToDictionary(v => v.ViewerId, v => new WatchedLesson(
            lessonId, v.Last, duration > 0 && AnalyticsEndpoints.Completed(v.Furthest, v.Watched, duration), positions.GetValueOrDefault(v.ViewerId), duration));
    }
}
