using Hangfire;
using Media.Ingest.LibraryImports;
using Media.Ingest.Uploads;
using Media.Ingest.Validation;
using Media.Platform;
using Media.Platform.Data;
using Media.Platform.Identity;
using Media.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Media.Ingest.Data;

namespace Media.Ingest;

/// <summary>Resumable tus uploads, safe probing and validation, dedup by content; accepted files become lessons.</summary>
public static class IngestModule
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddModuleDatabase<IngestDbContext, SqliteIngestDbContext, PostgresIngestDbContext>(IngestDbContext.SchemaName);
        services.AddSingleton<UploadHashes>();
        services.AddSingleton<ValidationQueue>();
        services.AddSingleton<MediaValidator>();
        services.AddSingleton<UploadNotifier>();
        services.AddScoped<UploadReceiver>();
        services.AddScoped<Media.Ingest.Contracts.IFileIngest, FileIngest>();
        services.AddTransient<ExpiredUploadSweeper>();
        services.AddTransient<ImportJob>();
        services.AddHostedService<UploadValidationService>();
        services.AddHostedService<IngestJobSchedule>();
        services.AddSingleton(new NavigationItem("Nav.Upload", "Home.Upload", "/uploads", Policies.TeacherOrAbove, Order: 20));
        return builder;
    }

    public static WebApplication MapIngest(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapTusEndpoints();
        app.MapUploadQueries();
        app.MapImportEndpoints();
        app.MapHub<UploadsHub>("/hubs/uploads", o => o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling);
        return app;
    }
}

/// <summary>Registers the module's recurring jobs once the host has started.</summary>
internal sealed class IngestJobSchedule(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<ExpiredUploadSweeper>(ExpiredUploadSweeper.JobId, s => s.SweepAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
