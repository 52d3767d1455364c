using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Media.Platform.Cluster;

/// <summary>
/// Small pieces of live state that every node must see the same (a classroom's room): values replaced only when they
/// are still what the writer read, so that two nodes changing one value at once never lose a change. In one process
/// by default; in Redis when <c>Media:Redis:ConnectionString</c> is set.
/// </summary>
public interface ISharedState
{
    Task<string?> GetAsync(string key);

    /// <summary>
    /// Writes <paramref name="replacement"/> (null deletes) only while the value is still <paramref name="expected"/> (null: absent);
    /// false when someone changed it first. A written value lives <paramref name="lifetime"/> after its last change.
    /// </summary>
    Task<bool> TryReplaceAsync(string key, string? expected, string? replacement, TimeSpan lifetime);
}

internal sealed class InProcessSharedState : ISharedState
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public Task<string?> GetAsync(string key) => Task.FromResult(_values.GetValueOrDefault(key));

    public Task<bool> TryReplaceAsync(string key, string? expected, string? replacement, TimeSpan lifetime) => Task.FromResult(
        (expected, replacement) switch
        {
            (null, null) => !_values.ContainsKey(key),
            (null, _) => _values.TryAdd(key, replacement),
            (_, null) => _values.TryRemove(new KeyValuePair<string, string>(key, expected)),
            _ => _values.TryUpdate(key, replacement, expected),
        });
}

internal sealed class RedisSharedState(IConnectionMultiplexer redis, ClusterOptions options) : ISharedState
{
    private RedisKey Key(string key) => options.KeyPrefix + key;

    public async Task<string?> GetAsync(string key) => await redis.GetDatabase().StringGetAsync(Key(key));

    public async Task<bool> TryReplaceAsync(string key, string? expected, string? replacement, TimeSpan lifetime)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(expected is null ? Condition.KeyNotExists(Key(key)) : Condition.StringEqual(Key(key), expected));
        _ = replacement is null
            ? transaction.KeyDeleteAsync(Key(key))
            : transaction.StringSetAsync(Key(key), replacement, lifetime);
        return await transaction.ExecuteAsync();
    }
}
