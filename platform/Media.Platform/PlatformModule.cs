using Media.Platform.Data;
using Media.Platform.Errors;
using Media.Platform.Events;
using Media.Platform.Health;
using Media.Platform.Identity;
using Media.Platform.Identity.Admin;
using Media.Platform.Jobs;
using Media.Platform.Storage;
using Media.Platform.Tools;
using Media.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Media.Platform.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Media.Platform;

/// <summary>What every module shares: options, blob storage, identity, databases, jobs, errors and health.</summary>
public static class PlatformModule
{
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var role = HostRoles.Read(builder.Configuration);
        services.AddSingleton(new HostRoleAccessor(role));
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FfmpegOptions>().BindConfiguration(FfmpegOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var dataPath = StartupOptions.Read<MediaOptions>(builder.Configuration, MediaOptions.Section).FullDataPath;

        // Hosted services start in registration order: tools, then schemas, then seed data.
        services.AddSingleton<MediaToolRunner>();
        services.AddSingleton<FfmpegTools>();
        services.AddHostedService<FfmpegStartupCheck>();
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<Data.RowLeases>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService<IdentitySeeder>();

        services.AddSingleton(CreateBlobStore(builder.Configuration, dataPath));
        services.AddOptions<EventOptions>().BindConfiguration(EventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EventSubscriptions>();
        services.AddSingleton<DomainEvents>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddCluster(builder.Configuration, dataPath);
        services.AddSingleton<Microsoft.AspNetCore.SignalR.IUserIdProvider, SubjectUserIdProvider>();
        builder.AddModuleDatabase<IdentityDbContext, SqliteIdentityDbContext, PostgresIdentityDbContext>(IdentityDbContext.SchemaName);
        // Only the OIDC subsection is needed this early. Validating all of AuthOptions here raced: RangeAttribute's lazy
        // TimeSpan conversion is not thread-safe, and test hosts start in parallel ("Unable to cast TimeSpan to String").
        services.AddMediaAuth(StartupOptions.Read<OidcOptions>(builder.Configuration, AuthOptions.Section + ":Oidc"));
        services.AddMediaProblemDetails();
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("Media:TrustedProxies").Get<string[]>() ?? [])
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    o.KnownIPNetworks.Add(network);
                }
                else if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    o.KnownProxies.Add(address);
                }
                else
                {
                    throw new StartupException($"Media:TrustedProxies entry '{proxy}' is neither an address nor a network (10.0.0.0/8).");
                }
            }
        });
        builder.AddMediaJobs(role, dataPath);
        services.AddHealthChecks()
            .AddCheck<BlobStoreHealthCheck>("blob-store", tags: ["ready"])
            .AddCheck<FfmpegHealthCheck>("ffmpeg", tags: ["ready"])
            .AddCheck<OutboxHealthCheck>("events", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // X-Forwarded-For/-Proto from trusted proxies only (loopback and Media:TrustedProxies): the client's address
        // (sign-in limits) and whether it used TLS (Secure cookies, HSTS) as the balancer saw them.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseDatabaseReadinessGate();
        app.UseMediaProblemDetails();
        // Routing after the problem handlers: an endpoint that short-circuits the rest of the pipeline (segment
        // delivery) still answers failures with problem+json.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCookieAntiforgeryForApi();
        app.MapHealthEndpoints();
        app.MapAuthEndpoints(app.Environment.IsDevelopment());
        app.MapPeopleEndpoints();
        app.MapOutboxEndpoints();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.Oidc.Enabled)
        {
            app.MapGet(UnifiedSignIn.StartPath, UnifiedSignIn.Start).AllowAnonymous();
        }
        app.MapJobsDashboard();
        return app;
    }

    private static IBlobStore CreateBlobStore(IConfiguration configuration, string dataPath)
    {
        var options = StartupOptions.Read<BlobStoreOptions>(configuration, BlobStoreOptions.Section);
        var provider = ProviderKey.Resolve("Media:Storage:Provider", options.Provider, BlobStoreOptions.FileSystem, BlobStoreOptions.AzureBlob);
        if (provider == BlobStoreOptions.FileSystem)
        {
            return new FileSystemBlobStore(options.RootPath ?? Path.Combine(dataPath, "blobs"));
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StartupException("Media:Storage:ConnectionString is required when Media:Storage:Provider is AzureBlob.");
        }

        try
        {
            return new AzureBlobStore(options.ConnectionString, options.Container);
        }
        catch (FormatException e)
        {
            throw new StartupException($"Media:Storage:ConnectionString is not a valid Azure Storage connection string ({e.Message}).", e);
        }
    }
}
