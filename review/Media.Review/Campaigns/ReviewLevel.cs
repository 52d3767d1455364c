using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

internal enum ReviewLevel
{
    School = 0,
    County = 1,
    City = 2,
    Province = 3,
    Ministry = 4,
}
