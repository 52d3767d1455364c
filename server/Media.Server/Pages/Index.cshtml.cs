using Media.Platform.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Media.Server.Pages;

public sealed class IndexModel : PageModel
{
    public IReadOnlyList<string> RoleNames { get; private set; } = [];

    public void OnGet() =>
        RoleNames = User.FindAll(TokenIssuer.RoleClaim).Select(c => c.Value).ToList();
}
