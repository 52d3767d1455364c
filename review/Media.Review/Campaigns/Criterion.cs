using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>One rubric line: its name (教学设计) and its weight, which is also the most points it gives.</summary>
internal sealed record Criterion(string Name, int Weight, string? Descriptor = null);
