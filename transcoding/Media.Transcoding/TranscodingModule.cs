using Media.Ingest.Contracts;
using Media.Platform.Data;
using Media.Platform.Events;
using Media.Transcoding.Contracts;
using Media.Transcoding.Jobs;
using Media.Transcoding.Recognition;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Media.Transcoding.Data;

namespace Media.Transcoding;

/// <summary>Hangfire jobs around ffmpeg: HLS ladder in one pass, poster, thumbnail sprite; crash-safe publish.</summary>
public static class TranscodingModule
{
    public static IHostApplicationBuilder AddTranscoding(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TranscodingOptions>().BindConfiguration(TranscodingOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.VideoEncoder is "libx264" or "h264_nvenc", "Media:Transcoding:VideoEncoder must be libx264 or h264_nvenc")
            .ValidateOnStart();
        builder.AddModuleDatabase<TranscodingDbContext, SqliteTranscodingDbContext, PostgresTranscodingDbContext>(TranscodingDbContext.SchemaName);
        services.AddSingleton<FfmpegRunner>();
        services.AddTransient<TranscodeJob>();
        services.AddHostedService<TranscodeRecovery>();
        services.AddSingleton<TranscodeNotifier>();
        services.AddScoped<IPublishedRenditions, PublishedRenditionsQuery>();
        services.AddScoped<ITranscodeProgress, TranscodeProgressQuery>();
        services.AddEventHandler<MediaAccepted, TranscodeOnAccept>();
        services.AddEventHandler<ClipRequested, TranscodeClip>();
        services.AddOptions<RecognitionOptions>().BindConfiguration(RecognitionOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Engine is RecognitionOptions.PaddleOcr or RecognitionOptions.Tesseract or RecognitionOptions.Off,
                "Media:Recognition:Engine must be PaddleOcr, Tesseract or Off")
            .ValidateOnStart();
        services.AddSingleton<TesseractReader>();
        services.AddSingleton<PaddleOcrReader>();
        services.AddSingleton<IScreenTextEngine>(sp => sp.GetRequiredService<IOptions<RecognitionOptions>>().Value.Engine == RecognitionOptions.Tesseract
            ? sp.GetRequiredService<TesseractReader>()
            : sp.GetRequiredService<PaddleOcrReader>());
        services.AddTransient<ScreenTextJob>();
        services.AddEventHandler<LessonPublished, ReadScreenTextOnPublish>();
        return builder;
    }

    public static WebApplication MapTranscoding(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapTranscodeEndpoints();
        app.MapHub<TranscodesHub>("/hubs/transcodes");
        return app;
    }
}
