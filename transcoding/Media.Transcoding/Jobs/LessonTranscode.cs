using Media.Ingest.Contracts;
using Media.Platform.Data;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Transcoding.Jobs;

/// <summary>A lesson's transcoding: its source, state, progress and (once published) where its renditions are.</summary>
internal sealed class LessonTranscode : ILeasedRow
{
    public Guid LessonId { get; set; }
    public Guid OwnerId { get; set; }

    /// <summary>The teacher's organisation (school) when known: access levels are decided against it.</summary>
    public Guid? OrganisationId { get; set; }

    public required string SourceBlobKey { get; set; }
    public required MediaFacts Source { get; set; }
    public TranscodeState State { get; set; }
    public int Attempts { get; set; }
    public double Percent { get; set; }
    public double Speed { get; set; }
    public double? EtaSeconds { get; set; }
    public string? Error { get; set; }
    public string? PublishedPrefix { get; set; }
    public List<RenditionInfo> Renditions { get; set; } = [];
    public List<ChapterMark> Chapters { get; set; } = [];
    public double? IntegratedLoudness { get; set; }

    /// <summary>For a clip: the part of the source (another lesson's) it is made from.</summary>
    public double? ClipStartSeconds { get; set; }

    public double? ClipEndSeconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The attempt running now (one at a time on every worker, <see cref="RowLeases"/>), until <see cref="WriterLeaseExpiresAt"/>.</summary>
    public string? WriterLease { get; set; }

    public DateTimeOffset? WriterLeaseExpiresAt { get; set; }
}
