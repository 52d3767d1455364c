using Media.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Platform.Data;

/// <summary>
/// Whether every module's database has been migrated. Kestrel already listens while the migrator runs, so until then
/// requests (except health probes, which say "not ready" themselves) get 503 with Retry-After instead of reaching
/// tables that do not exist yet.
/// </summary>
public sealed class DatabaseReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}

public static class DatabaseReadinessGate
{
    public const string NotReadyProblem = "urn:media:problem:starting";

    public static IApplicationBuilder UseDatabaseReadinessGate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var readiness = app.ApplicationServices.GetRequiredService<DatabaseReadiness>();
        return app.Use(async (context, next) =>
        {
            if (readiness.IsReady || context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            context.Response.Headers.RetryAfter = "5";
            await Problems.Of(StatusCodes.Status503ServiceUnavailable, NotReadyProblem, "Starting up.",
                "The server is still preparing its databases; try again in a few seconds.").ExecuteAsync(context);
        });
    }
}
