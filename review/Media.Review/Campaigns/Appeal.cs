using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>A teacher's appeal against a level's provisional results during the public notice, and the level admin's decision.</summary>
internal sealed class Appeal
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid SubmissionId { get; set; }
    public ReviewLevel Level { get; set; }
    public Guid TeacherId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public AppealOutcome Outcome { get; set; }
    public string? Resolution { get; set; }
    public Guid? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
