using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Media.Platform.Errors;

namespace Media.Platform.Identity;

/// <summary>One authentication scheme for the API and the pages: a bearer token when sent, otherwise the sign-in cookie.</summary>
internal static class AuthSetup
{
    public const string Scheme = "media";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddMediaAuth(this IServiceCollection services, OidcOptions oidc)
    {
        services.AddSingleton<SigningKey>();
        services.AddSingleton<TokenIssuer>();
        services.AddMemoryCache();
        services.AddScoped<UserDirectory>();
        services.AddScoped<ClassDirectory>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<Admin.AdminAudit>();
        services.AddScoped<Admin.PeopleAdmin>();
        services.AddScoped<Admin.RosterImport>();
        // Cookies are Secure whenever the request came over TLS; behind a proxy, UseForwardedHeaders makes that known.
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var authentication = services.AddAuthentication(Scheme);
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o => UnifiedSignIn.Configure(o, oidc));
        }

        authentication
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context =>
                HasBearerToken(context.Request) ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddCookie(o =>
            {
                o.Cookie.Name = "media.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/signin";
                o.AccessDeniedPath = "/account/denied";
                o.SlidingExpiration = true;
                // API callers get a status code (then problem+json), never a redirect to the sign-in page.
                o.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = async context =>
                {
                    if (!await IsCurrentAsync(context.HttpContext, context.Principal))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey, IOptions<AuthOptions>>((o, key, auth) =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token ??= HubToken(context.Request);
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        if (!await IsCurrentAsync(context.HttpContext, context.Principal))
                        {
                            context.Fail("The account was deactivated or changed since this token was issued; sign in again.");
                        }
                    },
                };
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = key.Key,
                    NameClaimType = TokenIssuer.NameClaim,
                    RoleClaimType = TokenIssuer.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.TeacherOrAbove, p => p.RequireRole(Roles.Teacher, Roles.SchoolAdmin, Roles.RegionAdmin, Roles.Admin))
            .AddPolicy(Policies.Importer, p => p.RequireRole(Roles.RegionAdmin, Roles.Admin))
            .AddPolicy(Policies.PeopleAdmin, p => p.RequireRole(Roles.RegionAdmin, Roles.Admin))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(Roles.Reviewer, Roles.RegionAdmin, Roles.Admin));
        return services;
    }

    /// <summary>
    /// A browser's cookie is sent by any site's form post, so writes to the API that rely on the cookie must also
    /// carry the anti-forgery header; bearer-token callers are not exposed to that and are left alone.
    /// </summary>
    public static WebApplication UseCookieAntiforgeryForApi(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
                && context.User.Identity?.IsAuthenticated == true
                && !HasBearerToken(request)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                await Problems.Of(StatusCodes.Status400BadRequest, ProblemTypes.Antiforgery, "Anti-forgery token missing or invalid.",
                    $"Cookie-authenticated writes must send the {AntiforgeryHeader} header from the page.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static async Task<bool> IsCurrentAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal? principal) =>
        principal?.UserId() is { } id
        && await context.RequestServices.GetRequiredService<UserDirectory>().IsSessionCurrentAsync(id, principal.FindFirst(TokenIssuer.StampClaim)?.Value, context.RequestAborted);

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || HubToken(request) is not null;

    /// <summary>WebSocket and server-sent-event clients cannot send headers: SignalR passes the token as <c>access_token</c>.</summary>
    private static string? HubToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) && request.Query["access_token"].ToString() is { Length: > 0 } token
            ? token
            : null;

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
