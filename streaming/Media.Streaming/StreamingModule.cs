using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Media.Streaming;

/// <summary>HLS delivery with signed URLs, the player, view and completion analytics, live HLS.</summary>
public static class StreamingModule
{
    public static IHostApplicationBuilder AddStreaming(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static WebApplication MapStreaming(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
