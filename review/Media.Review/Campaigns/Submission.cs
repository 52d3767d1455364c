using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

internal sealed class Submission
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid LessonId { get; set; }
    public Guid TeacherId { get; set; }
    public Guid? SchoolId { get; set; }
    public ReviewLevel Level { get; set; }
    public SubmissionState State { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The highest award won so far (school … ministry), if any.</summary>
    public ReviewLevel? Award { get; set; }

    /// <summary>The level admin's score for a disputed entry at its current level, which replaces the reviewers' aggregate.</summary>
    public double? ArbitratedScore { get; set; }
    public string? ArbitrationReason { get; set; }
}
