namespace Media.Platform.Web;

/// <summary>
/// An entry of the site's navigation and home page, contributed by the module that owns the page.
/// <paramref name="TitleKey"/> is a key of the web UI's shared resources; <paramref name="Policy"/> null means everyone.
/// </summary>
public sealed record NavigationItem(string TitleKey, string DescriptionKey, string Href, string? Policy = null, int Order = 100);
