using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

internal enum SubmissionState
{
    Submitted = 0,
    InReview = 1,
    Scored = 2,
    Withdrawn = 3,
    NotPromoted = 4,
    Awarded = 5,

    /// <summary>Created, materials being added; not yet handed in.</summary>
    Draft = 6,
}
