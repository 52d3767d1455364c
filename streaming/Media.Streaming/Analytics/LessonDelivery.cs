using Media.Platform.Data;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Streaming.Analytics;

/// <summary>A lesson's delivery settings chosen by its teacher, and how often it was downloaded.</summary>
internal sealed class LessonDelivery
{
    public Guid LessonId { get; set; }

    /// <summary>Whether viewers may download the MP4 for offline classroom use (the teacher always may).</summary>
    public bool AllowDownload { get; set; }

    public int Downloads { get; set; }

    /// <summary>Who may watch: everyone signed in unless the teacher chose otherwise.</summary>
    public AccessLevel Access { get; set; }
}
