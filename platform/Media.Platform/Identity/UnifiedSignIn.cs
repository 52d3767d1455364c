using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Media.Platform.Identity;

/// <summary>
/// 统一身份认证: the education cloud's OpenID provider signs people in (authorization code with PKCE); its roster-id
/// claim is matched to an account here, and the session is then Media's own cookie with Media's claims and stamp, as if
/// the person had typed a password. Nobody is created on the fly: accounts come from rosters, with their school and
/// role. An unknown or deactivated person goes back to the sign-in page with a reason in Chinese.
/// </summary>
public static class UnifiedSignIn
{
    public const string StartPath = "/account/unified";

    /// <summary>The reasons the sign-in page shows (keys of its texts).</summary>
    public const string UnknownPerson = "SignIn.UnifiedUnknown";
    public const string Failed = "SignIn.UnifiedFailed";

    internal static void Configure(OpenIdConnectOptions o, OidcOptions settings)
    {
        o.Authority = settings.Authority!.ToString().TrimEnd('/');
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        // The answer comes back as a top-level GET: the correlation and nonce cookies can stay SameSite=Lax and
        // need no TLS (a school intranet may run plain HTTP behind its gateway).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.Events.OnTokenValidated = async context =>
        {
            var rosterId = context.Principal?.FindFirst(settings.RosterIdClaim)?.Value;
            var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
            var user = string.IsNullOrWhiteSpace(rosterId) ? null : await users.FindByRosterIdAsync(rosterId, context.HttpContext.RequestAborted);
            if (user is null || user.DeactivatedAt is not null)
            {
                context.HandleResponse();
                context.Response.Redirect($"/account/signin?error={UnknownPerson}");
                return;
            }

            context.Principal = TokenIssuer.PrincipalOf(user, CookieAuthenticationDefaults.AuthenticationScheme);
        };
        o.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            context.Response.Redirect($"/account/signin?error={Failed}");
            return Task.CompletedTask;
        };
    }

    /// <summary>Sends the browser to the provider; it comes back to <paramref name="returnUrl"/> when that is local.</summary>
    public static IResult Start(string? returnUrl, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var local = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal);
        return Results.Challenge(new AuthenticationProperties { RedirectUri = local ? returnUrl : "/" }, [OidcOptions.Scheme]);
    }
}
