using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>A reviewer enrolled in a campaign's expert pool, for the subjects and levels they judge (all when empty).</summary>
internal sealed class CampaignReviewer
{
    public Guid CampaignId { get; set; }
    public Guid ReviewerId { get; set; }
    public List<string> Subjects { get; set; } = [];
    public List<ReviewLevel> Levels { get; set; } = [];
}
