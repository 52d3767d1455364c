using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Media.Platform.Data;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Media.Platform.Jobs;

internal static class JobsSetup
{
    public static IHostApplicationBuilder AddMediaJobs(this IHostApplicationBuilder builder, HostRole role, string dataPath)
    {
        var options = StartupOptions.Read<JobsOptions>(builder.Configuration, JobsOptions.Section);
        var provider = ProviderKey.Resolve("Media:Jobs:Provider", options.Provider, JobsOptions.Sqlite, JobsOptions.PostgreSql);
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // The storage is a DI singleton of our own rather than Hangfire's global JobStorage.Current, so that
        // several hosts in one process (the integration tests) never share or swap storages.
        if (provider == JobsOptions.Sqlite)
        {
            Directory.CreateDirectory(dataPath);
            var file = Path.Combine(dataPath, "jobs.db");
            builder.Services.AddSingleton<JobStorage>(_ => new SQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = options.QueuePollInterval }));
        }
        else
        {
            var connectionString = options.ConnectionString ?? ModuleDatabase.ReadOptions(builder.Configuration).ConnectionString
                ?? throw new StartupException("Media:Jobs:ConnectionString (or Media:Database:ConnectionString) is required for PostgreSql jobs.");
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = options.QueuePollInterval,
                // A long transcode must never be handed to a second worker while the first still runs it.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = options.InvisibilityTimeout,
                PrepareSchemaIfNecessary = true,
            };
            builder.Services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        }

        // Hangfire keeps its activator and log provider in process-wide statics. Our own activator singleton
        // (registered first, so Hangfire's TryAdd keeps it) resolves jobs from this host's services, and the log
        // provider tolerates a host that was disposed while another runs (several hosts share a test process).
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new AspNetCoreLogProvider(new DisposalTolerantLoggerFactory(sp.GetRequiredService<ILoggerFactory>()))));

        if (role.RunsJobs())
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.WorkerCount;
                o.Queues = [JobQueues.Default];
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.BackgroundWorkerCount;
                o.Queues = [JobQueues.Background];
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{JobQueues.Background}";
            });
        }

        builder.Services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/jobs", new DashboardOptions
        {
            DashboardTitle = "Media · jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}

internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var monitoring = storage.GetMonitoringApi();
        var servers = monitoring.Servers();
        var stats = monitoring.GetStatistics();
        return Task.FromResult(HealthCheckResult.Healthy(
            $"{storage.GetType().Name}: {servers.Count} server(s), {stats.Enqueued} enqueued, {stats.Processing} processing, {stats.Failed} failed"));
    }
}

/// <summary>Creates loggers from a factory, or no-op loggers once that factory has been disposed.</summary>
internal sealed class DisposalTolerantLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName)
    {
        try
        {
            return inner.CreateLogger(categoryName);
        }
        catch (ObjectDisposedException)
        {
            return NullLogger.Instance;
        }
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The host owns and disposes the inner factory.
    public void Dispose() { }
}
