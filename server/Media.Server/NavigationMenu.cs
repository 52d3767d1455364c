using System.Security.Claims;
using Media.Platform.Web;
using Microsoft.AspNetCore.Authorization;

namespace Media.Server;

/// <summary>The navigation entries the modules contributed, filtered to what the signed-in user may open.</summary>
internal sealed class NavigationMenu(IEnumerable<NavigationItem> items, IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<NavigationItem>> VisibleToAsync(ClaimsPrincipal user)
    {
        var visible = new List<NavigationItem>();
        foreach (var item in items.OrderBy(i => i.Order))
        {
            if (item.Policy is null || (await authorization.AuthorizeAsync(user, item.Policy)).Succeeded)
            {
                visible.Add(item);
            }
        }

        return visible;
    }
}
