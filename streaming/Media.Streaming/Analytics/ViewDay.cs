using Media.Platform.Data;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Streaming.Analytics;

/// <summary>One viewer's watching of one lesson on one day: a view is counted once per viewer, lesson and day.</summary>
internal sealed class ViewDay
{
    public Guid LessonId { get; set; }
    public Guid ViewerId { get; set; }

    /// <summary>The day as yyyymmdd (UTC+8 school days would be a setting; UTC for now).</summary>
    public int Day { get; set; }

    public double WatchedSeconds { get; set; }
    public double FurthestSeconds { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
