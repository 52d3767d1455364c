using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Platform.Errors;

internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddMediaProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (string.IsNullOrEmpty(problem.Type) || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = context.Exception is BadHttpRequestException ? ProblemTypes.Validation
                    : status >= 500 ? ProblemTypes.Unexpected
                    : ProblemTypes.ForStatus(status);
            }

            if (context.Exception is BadHttpRequestException bad)
            {
                problem.Detail ??= bad.Message;
            }

            problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });

    /// <summary>The page that a browser's bare status code (404 for an unknown address) is answered with, in the reader's language.</summary>
    public const string ErrorPagePath = "/error/";

    /// <summary>Unhandled exceptions and bare API status codes become problem+json; a page address gets the host's error page.</summary>
    public static WebApplication UseMediaProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // A malformed request is the client's mistake, answered with a 400; it is not worth an error log.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (IsApi(http.Request) && !http.Response.HasStarted && http.Response.ContentLength is null)
            {
                var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await writer.WriteAsync(new ProblemDetailsContext { HttpContext = http });
            }
            else if (HttpMethods.IsGet(http.Request.Method) && !http.Response.HasStarted && http.Response.ContentLength is null
                && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
            {
                // The same request again, at the error page, keeping its status (what UseStatusCodePagesWithReExecute does).
                var path = http.Request.Path;
                http.SetEndpoint(null);
                http.Request.RouteValues.Clear();
                http.Request.Path = ErrorPagePath + http.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    await context.Next(http);
                }
                finally
                {
                    http.Request.Path = path;
                }
            }
        });
        return app;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
