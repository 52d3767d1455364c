using Media.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Media.Streaming.Delivery;

/// <summary>
/// The bytes and properties of recently served published files (segments, init segments, thumbnails), bounded in total
/// size, least recently used first out. Published renditions never change under their key (a new publication gets a new
/// prefix), so an entry never goes stale. Files above <see cref="MaxEntryBytes"/> (downloads) always stream from the store.
/// </summary>
internal sealed class HotFileCache : IDisposable
{
    public const long MaxEntryBytes = 8L * 1024 * 1024;

    private readonly MemoryCache? _cache;

    public HotFileCache(IOptions<StreamingOptions> options)
    {
        var megabytes = options.Value.HotCacheMegabytes;
        _cache = megabytes > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024L * 1024, CompactionPercentage = 0.25 }) : null;
    }

    /// <summary>A file: its properties, and its bytes when it is small enough to keep (null content: stream it from the store).</summary>
    internal sealed record HotFile(BlobProperties Properties, byte[]? Content);

    /// <summary>The file from memory, or read from the store and kept; null when the store has no such file.</summary>
    public async Task<HotFile?> GetAsync(IBlobStore store, string key, CancellationToken cancellationToken)
    {
        if (_cache?.TryGetValue(key, out HotFile? hit) == true)
        {
            return hit;
        }

        var properties = await store.GetPropertiesAsync(key, cancellationToken);
        if (properties is null)
        {
            return null;
        }

        if (_cache is null || properties.Length > MaxEntryBytes)
        {
            return new HotFile(properties, null);
        }

        var content = new byte[properties.Length];
        await using (var stream = await store.OpenReadAsync(key, cancellationToken: cancellationToken))
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var file = new HotFile(properties, content);
        _cache.Set(key, file, new MemoryCacheEntryOptions { Size = content.Length + 512, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return file;
    }

    public void Dispose() => _cache?.Dispose();
}
