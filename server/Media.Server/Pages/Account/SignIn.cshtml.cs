using Media.Platform.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Media.Server.Pages.Account;

public sealed class SignInModel(PasswordSignIn signIn, Microsoft.Extensions.Options.IOptions<AuthOptions> auth) : PageModel
{
    private static readonly string[] UnifiedErrors = [UnifiedSignIn.UnknownPerson, UnifiedSignIn.Failed];

    /// <summary>The unified sign-in's name when one is configured (统一身份认证), else null.</summary>
    public string? UnifiedName => auth.Value.Oidc.Enabled ? auth.Value.Oidc.DisplayName : null;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? ErrorKey { get; private set; }

    /// <summary>Minutes to wait when sign-in is locked after too many wrong passwords.</summary>
    public int? RetryMinutes { get; private set; }

    public void OnGet(string? error)
    {
        // Only the reasons the unified sign-in sends back; anything else in the query is ignored.
        if (UnifiedErrors.Contains(error))
        {
            ErrorKey = error;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            ErrorKey = "SignIn.Required";
            return Page();
        }

        var outcome = await signIn.SignInAsync(UserName.Trim(), Password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            ErrorKey = "SignIn.Locked";
            RetryMinutes = (int)Math.Ceiling(wait.TotalMinutes);
            Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        if (outcome.User is not { } user)
        {
            ErrorKey = "SignIn.Invalid";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, TokenIssuer.PrincipalOf(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
