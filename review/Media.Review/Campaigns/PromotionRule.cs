using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <param name="Share">The largest share of a region's entries that go up (e.g. 0.3); every region sends at least one.</param>
/// <param name="MaxPerRegion">The most entries one region sends up (e.g. 800 per province), or none.</param>
internal sealed record PromotionRule(double Share = 0.3, int? MaxPerRegion = null);
