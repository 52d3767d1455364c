using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Platform.Web;

/// <summary>
/// An origin the web app's scripts connect to besides this host (the live room's Janus WebSocket): modules register
/// one each, and the content security policy allows exactly those.
/// </summary>
public sealed record ConnectSource(string Origin);

/// <summary>
/// Headers that keep every response from being framed, sniffed or made to run injected script: a strict content
/// security policy (scripts only from this host, never inline), nosniff, a referrer policy, and HSTS when the request
/// came over TLS (directly or through a trusted proxy's X-Forwarded-Proto). The API reference (/scalar) and the jobs
/// dashboard (/jobs) are third-party pages with inline scripts; they get every header but the script rule.
/// </summary>
internal static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var connect = string.Concat(app.Services.GetServices<ConnectSource>().Select(s => " " + s.Origin).Distinct());
        var policy = PolicyFor(connect, "script-src 'self'");
        var toolPolicy = PolicyFor(connect, "script-src 'self' 'unsafe-inline' 'unsafe-eval'");
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            headers.ContentSecurityPolicy = path.StartsWithSegments("/scalar") || path.StartsWithSegments("/jobs") ? toolPolicy : policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return next(context);
        });
        return app;
    }

    private static string PolicyFor(string connect, string scripts) =>
        $"default-src 'self'; {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; "
        + $"worker-src 'self' blob:; font-src 'self' data:; connect-src 'self'{connect}; frame-ancestors 'none'; base-uri 'self'; "
        + "form-action 'self'; object-src 'none'";
}
