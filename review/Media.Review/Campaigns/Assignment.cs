using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

internal sealed class Assignment
{
    public Guid Id { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid ReviewerId { get; set; }
    public ReviewLevel Level { get; set; }
    public Dictionary<string, double> Scores { get; set; } = [];
    public string? Comment { get; set; }
    public bool Final { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }

    /// <summary>The reviewer declined the entry (conflict, expertise, time); another reviewer took it over.</summary>
    public DateTimeOffset? DeclinedAt { get; set; }
    public string? DeclineReason { get; set; }
}
