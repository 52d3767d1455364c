namespace Media.Platform.Cluster;

/// <summary>
/// Settings under <c>Media:Redis</c>: with a connection string, the nodes of a deployment share SignalR messages (the
/// backplane), live room state and the data-protection key ring through Redis; without one, all of it stays in this process.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Media:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379</c>; empty means one process.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every key and channel, so that several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "media:";

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
