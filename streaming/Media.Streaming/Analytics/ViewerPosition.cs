using Media.Platform.Data;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Streaming.Analytics;

/// <summary>Where a viewer stopped, for resuming on any device.</summary>
internal sealed class ViewerPosition
{
    public Guid LessonId { get; set; }
    public Guid ViewerId { get; set; }
    public double PositionSeconds { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
