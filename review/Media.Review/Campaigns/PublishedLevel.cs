using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>A level's published results in a region (all regions when null): who won, in rank order.</summary>
internal sealed record PublishedLevel(string Level, DateTimeOffset PublishedAt, List<Guid> Awarded, List<Guid> Ranked, Guid? Region = null);
