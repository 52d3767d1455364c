using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Media.Review;

/// <summary>Review campaigns (一师一优课): submissions, levels, blind rubric scoring, promotion.</summary>
public static class ReviewModule
{
    public static IHostApplicationBuilder AddReview(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static WebApplication MapReview(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
