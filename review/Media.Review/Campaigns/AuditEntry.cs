using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>Who did what to a submission, when: the audit trail reviews are judged by.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid ActorId { get; set; }
    public required string Action { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset At { get; set; }
}
