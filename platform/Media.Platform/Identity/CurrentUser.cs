using System.Security.Claims;

namespace Media.Platform.Identity;

/// <summary>Reads the claims every module needs from a signed-in principal (token or cookie alike).</summary>
public static class CurrentUser
{
    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(TokenIssuer.UserIdClaim), out var id) ? id : null;

    public static Guid? OrganisationId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(TokenIssuer.OrganisationClaim), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal?.FindFirstValue(TokenIssuer.DisplayNameClaim) ?? principal?.Identity?.Name ?? string.Empty;
}
