using System.Security.Claims;
using Media.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Media.Platform.Identity;

internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes, bool isDevelopment)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", IssueTokenAsync).AllowAnonymous();
        group.MapGet("/me", Me).RequireAuthorization();
        if (isDevelopment)
        {
            group.MapPost("/dev-token", IssueDevTokenAsync).AllowAnonymous()
                .WithSummary("Development only: a token for any existing user, without a password.");
        }

        return routes;
    }

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, PasswordSignIn signIn, TokenIssuer issuer, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Validation("Both userName and password are required.");
        }

        var outcome = await signIn.SignInAsync(request.UserName, request.Password, context.Connection.RemoteIpAddress, cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Of(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyAttempts, "Too many failed sign-ins.",
                $"Too many wrong passwords: try again in {Math.Ceiling(wait.TotalMinutes)} minute(s), or ask your administrator to reset the password.");
        }

        if (outcome.User is not { } user)
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials,
                "Invalid user name or password.", "Check the user name and password and try again.");
        }

        var token = issuer.Issue(user);
        return TypedResults.Ok(new TokenResponse(token.Value, token.ExpiresAt));
    }

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueDevTokenAsync(
        DevTokenRequest request, UserDirectory users, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(request.UserName) ? null : await users.FindByUserNameAsync(request.UserName, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound($"No user is named '{request.UserName}'.");
        }

        var token = issuer.Issue(user);
        return TypedResults.Ok(new TokenResponse(token.Value, token.ExpiresAt));
    }

    internal static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(
        user.UserId(),
        user.Identity?.Name ?? string.Empty,
        user.DisplayName(),
        user.FindAll(TokenIssuer.RoleClaim).Select(c => c.Value).ToList(),
        user.OrganisationId()));
}

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record DevTokenRequest(string? UserName);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record MeResponse(Guid? Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, Guid? OrganisationId);
