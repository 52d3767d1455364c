using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>The published 一师一优课 technical rules, adjustable per campaign.</summary>
internal sealed record TechnicalStandard(
    double MinMinutes = 30, double MaxMinutes = 45, int MinWidth = 720, int MinHeight = 576, int MinKbps = 512,
    string VideoCodec = "h264", string AudioCodec = "aac");

/// <summary>What the review module knows about a lesson video: its facts from ingest and what the teacher said.</summary>
internal sealed class LessonMedia
{
    public Guid LessonId { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? OrganisationId { get; set; }
    public double DurationSeconds { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long BitRate { get; set; }
    public required string VideoCodec { get; set; }
    public string? AudioCodec { get; set; }
    public string Title { get; set; } = "";
    public string? Stage { get; set; }
    public string? Grade { get; set; }
    public string? Subject { get; set; }
    public string? Edition { get; set; }
    public string? Lesson { get; set; }

    /// <summary>When the catalog last changed the fields above (null: as uploaded); orders late deliveries.</summary>
    public DateTimeOffset? DetailsChangedAt { get; set; }

    /// <summary>Where the uploaded video lies, for the fingerprint; null for lessons recorded before it was kept.</summary>
    public string? SourceBlobKey { get; set; }

    /// <summary>Perceptual hashes (dHash) of frames sampled evenly through the video, hex; null until computed.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>The subject the video's opening title card (片头) shows, as read from it; null when none was read.</summary>
    public string? CardSubject { get; set; }

    /// <summary>Another submitted lesson whose video looks the same (re-submitted or copied), and how alike they are (0–1).</summary>
    public Guid? SimilarTo { get; set; }
    public double? Similarity { get; set; }
}
