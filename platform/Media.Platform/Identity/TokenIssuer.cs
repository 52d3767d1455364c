using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Media.Platform.Identity;

/// <summary>Issues JWT access tokens and builds the claims principal shared by tokens and cookies.</summary>
public sealed class TokenIssuer(SigningKey signingKey, IOptions<AuthOptions> options, TimeProvider time)
{
    public const string UserIdClaim = "sub";
    public const string NameClaim = "name";
    public const string DisplayNameClaim = "given_name";
    public const string RoleClaim = "role";
    public const string OrganisationClaim = "org";
    public const string StampClaim = "stamp";

    public AccessToken Issue(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(ClaimsOf(user)),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expires);
    }

    public static ClaimsPrincipal PrincipalOf(User user, string authenticationType) =>
        new(new ClaimsIdentity(ClaimsOf(user), authenticationType, NameClaim, RoleClaim));

    private static List<Claim> ClaimsOf(User user)
    {
        var claims = new List<Claim>
        {
            new(UserIdClaim, user.Id.ToString()),
            new(NameClaim, user.UserName),
            new(DisplayNameClaim, user.DisplayName),
            new(StampClaim, user.SecurityStamp),
        };
        if (user.OrganisationId is { } organisation)
        {
            claims.Add(new Claim(OrganisationClaim, organisation.ToString()));
        }

        claims.AddRange(user.Roles.Select(r => new Claim(RoleClaim, r.Role)));
        return claims;
    }
}

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);
