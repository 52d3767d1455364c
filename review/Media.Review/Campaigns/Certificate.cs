using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>Continuing-education hours credited to a teacher for an award.</summary>
internal sealed class Certificate
{
    public Guid Id { get; set; }
    public Guid TeacherId { get; set; }
    public Guid CampaignId { get; set; }
    public Guid LessonId { get; set; }
    public ReviewLevel Level { get; set; }
    public double Hours { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}
