using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>A public notice (公示) of a level's provisional results in a region (all regions when null).</summary>
internal sealed record Notice(string Level, Guid? Region, DateTimeOffset StartedAt, DateTimeOffset EndsAt);
