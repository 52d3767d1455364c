using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>How many lessons a region or school is asked to submit, or what share of its teachers.</summary>
internal sealed class ParticipationTarget
{
    public Guid CampaignId { get; set; }
    public Guid OrganisationId { get; set; }
    public int? Submissions { get; set; }
    public double? TeacherShare { get; set; }
}
