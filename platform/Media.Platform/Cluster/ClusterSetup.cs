using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Media.Platform.Cluster;

internal static class ClusterSetup
{
    /// <summary>Shared state, the SignalR backplane and the key ring: in Redis when configured, else in this process and its data folder.</summary>
    public static void AddCluster(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        var options = StartupOptions.Read<ClusterOptions>(configuration, ClusterOptions.Section);
        services.AddSingleton(options);
        var dataProtection = services.AddDataProtection().SetApplicationName("media");
        if (!options.Enabled)
        {
            services.AddSingleton<ISharedState, InProcessSharedState>();
            services.AddSignalR();
            // Cookies and anti-forgery tokens must survive a restart; keys live beside the other embedded data.
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys", "data-protection")));
            return;
        }

        ConfigurationOptions redis;
        try
        {
            redis = ConfigurationOptions.Parse(options.ConnectionString!);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"Media:Redis:ConnectionString is not a Redis configuration string: {e.Message}");
        }

        // Start even while Redis is still coming up; the health check says so until it answers.
        redis.AbortOnConnectFail = false;
        var multiplexer = ConnectionMultiplexer.Connect(redis);
        services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        services.AddSingleton<ISharedState, RedisSharedState>();
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = redis.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(options.KeyPrefix + "signalr");
        });
        // Every node must read the cookies and tokens the others protect.
        dataProtection.PersistKeysToStackExchangeRedis(multiplexer, options.KeyPrefix + "data-protection-keys");
        services.AddHealthChecks().AddCheck("redis", () => multiplexer.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Redis is not reachable at " + string.Join(", ", redis.EndPoints)), tags: ["ready"]);
    }
}
