using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>When a level's review runs; either end may be open.</summary>
internal sealed record LevelWindow(DateTimeOffset? Opens, DateTimeOffset? Closes)
{
    public bool Contains(DateTimeOffset moment) => (Opens is null || moment >= Opens) && (Closes is null || moment < Closes);
}
