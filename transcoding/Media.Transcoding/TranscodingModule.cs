using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Media.Transcoding;

/// <summary>Hangfire jobs around ffmpeg: HLS ladder, thumbnails, sprites, chapters and clips.</summary>
public static class TranscodingModule
{
    public static IHostApplicationBuilder AddTranscoding(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static WebApplication MapTranscoding(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
