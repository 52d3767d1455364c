using Media.Platform.Data;
using Media.Platform.Events;
using Media.Streaming.Analytics;
using Media.Streaming.Captions;
using Media.Streaming.Contracts;
using Media.Streaming.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Media.Streaming.Data;

namespace Media.Streaming;

/// <summary>HLS delivery with signed, expiring URLs; the player, analytics and live HLS build on it.</summary>
public static class StreamingModule
{
    public static IHostApplicationBuilder AddStreaming(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var streaming = Platform.StartupOptions.Read<StreamingOptions>(builder.Configuration, StreamingOptions.Section);
        var storage = Platform.StartupOptions.Read<Platform.Storage.BlobStoreOptions>(builder.Configuration, Platform.Storage.BlobStoreOptions.Section);
        if (!string.IsNullOrEmpty(streaming.AcceleratedRedirectPrefix) && !string.Equals(storage.Provider, Platform.Storage.BlobStoreOptions.FileSystem, StringComparison.OrdinalIgnoreCase))
        {
            // nginx reads the files from the blob folder it shares with the API; a cloud store has no such folder.
            throw new Platform.StartupException("Media:Streaming:AcceleratedRedirectPrefix needs Media:Storage:Provider FileSystem (nginx serves the blob folder).");
        }

        builder.Services.AddSingleton<PlaybackTokens>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<PublishedRenditionsCache>();
        builder.Services.AddSingleton<HotFileCache>();
        builder.Services.AddScoped<AccessPolicy>();
        builder.Services.AddScoped<ILessonViewers>(services => services.GetRequiredService<AccessPolicy>());
        builder.Services.AddScoped<BlindPlayback>();
        builder.Services.AddScoped<IBlindPlayback>(services => services.GetRequiredService<BlindPlayback>());
        builder.Services.AddScoped<LessonAccessSettings>();
        builder.Services.AddScoped<DownloadCounter>();
        builder.Services.AddEventHandler<Review.Contracts.LessonAwarded, AwardAccessHandler>();
        builder.Services.AddScoped<IViewingHistory, ViewingHistory>();
        builder.Services.AddSingleton<LiveChannels>();
        builder.Services.AddSingleton<ILiveChannels>(services => services.GetRequiredService<LiveChannels>());
        builder.AddModuleDatabase<StreamingDbContext, SqliteStreamingDbContext, PostgresStreamingDbContext>(StreamingDbContext.SchemaName);
        return builder;
    }

    public static WebApplication MapStreaming(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDeliveryEndpoints();
        app.MapAnalyticsEndpoints();
        app.MapDownloadEndpoints();
        app.MapCaptionEndpoints();
        app.MapLiveEndpoints();
        return app;
    }
}
