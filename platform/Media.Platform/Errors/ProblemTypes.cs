using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Media.Platform.Errors;

/// <summary>Stable problem+json <c>type</c> URIs; clients and tests switch on them, so never rename one.</summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:media:problem:";

    public const string Validation = Prefix + "validation";
    public const string InvalidCredentials = Prefix + "invalid-credentials";
    public const string Unauthenticated = Prefix + "unauthenticated";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    public const string Conflict = Prefix + "conflict";
    public const string Antiforgery = Prefix + "antiforgery";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string Unexpected = Prefix + "unexpected";
    public const string TooManyAttempts = Prefix + "too-many-attempts";

    /// <summary>The type for a bare status code (404 from routing, 401 from authentication, …).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Validation,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        _ => Prefix + "http-" + status,
    };
}

/// <summary>Builds problem+json results with a stable type.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string type, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, type: type, title: title, detail: detail, extensions: extensions);

    public static ProblemHttpResult Validation(string detail) =>
        Of(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "The request is not valid.", detail);

    public static ProblemHttpResult NotFound(string detail) =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", detail);

    public static ProblemHttpResult Conflict(string detail) =>
        Of(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Conflict.", detail);

    /// <summary>The problem of a workflow's refusal: its own type when it has one, else by its status (400, 403, 409; anything else reads as 404).</summary>
    public static ProblemHttpResult For<T>(Identity.Admin.Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Type is { } type)
        {
            return Of(outcome.Status, type, outcome.Title ?? "Refused.", outcome.Problem);
        }

        return outcome.Status switch
        {
            StatusCodes.Status400BadRequest => Validation(outcome.Problem!),
            StatusCodes.Status403Forbidden => Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Not allowed.", outcome.Problem),
            StatusCodes.Status409Conflict => Conflict(outcome.Problem!),
            _ => NotFound(outcome.Problem!),
        };
    }
}
