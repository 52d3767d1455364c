using System.ComponentModel.DataAnnotations;

namespace Media.Review;

/// <summary>Settings under <c>Media:Review</c>.</summary>
internal sealed class ReviewOptions
{
    public const string Section = "Media:Review";

    /// <summary>
    /// In demo mode, at first start: a campaign open for entries whose first level holds this many of the demo teacher's
    /// published lessons, handed in and given to the reviewers (0: none; 4 in <c>run.sh</c>, the demo recordings).
    /// </summary>
    [Range(0, 20)]
    public int DemoCampaignEntries { get; set; }
}
