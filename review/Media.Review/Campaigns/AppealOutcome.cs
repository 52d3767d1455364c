using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

internal enum AppealOutcome
{
    Open = 0,
    Upheld = 1,
    Dismissed = 2,
}
