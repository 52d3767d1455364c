using Media.Transcoding.Contracts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Streaming.Delivery;

/// <summary>
/// Every segment request needs the lesson's published prefix; a published set never changes, so it is kept in
/// memory for a minute instead of being read from the database for each of a lesson's thousands of requests.
/// </summary>
internal sealed class PublishedRenditionsCache(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<PublishedRenditions?> FindAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(lessonId, out PublishedRenditions? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<IPublishedRenditions>().FindAsync(lessonId, cancellationToken);
        if (found is not null)
        {
            cache.Set(lessonId, found, Lifetime);
        }

        return found;
    }
}
