using System.Globalization;
using Media.Platform;
using Media.Platform.Identity;
using Media.Platform.Web;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using Scalar.AspNetCore;

namespace Media.Server;

/// <summary>What the all-in-one host adds around the modules: OpenAPI, the web UI shell and its languages.</summary>
internal static class WebHostModule
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static IHostApplicationBuilder AddWebHost(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOpenApi();
        // Chinese text is written as-is rather than as &#x...; entities: smaller pages, readable source.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Index");
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // The signed-in choice (cookie) wins over ?culture= links and the browser's Accept-Language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // Schools' links are slow: the page's scripts and styles travel compressed (about a third of their size). Only these
        // static types: compressing responses that carry secrets next to what a visitor sends would open BREACH.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/javascript", "application/javascript", "text/css", "image/svg+xml"];
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddScoped<NavigationMenu>();
        services.AddOptions<PlayerOptions>().BindConfiguration(PlayerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new NavigationItem("Nav.People", "Home.People", "/admin/people", Policies.PeopleAdmin, Order: 800));
        services.AddSingleton(new NavigationItem("Nav.ApiReference", "Home.ApiReference", "/scalar/v1", Policies.Admin, Order: 900));
        services.AddSingleton(new NavigationItem("Nav.Jobs", "Home.Jobs", "/jobs", Policies.Admin, Order: 910));
        return builder;
    }

    public static bool ServesWeb(this WebApplication app) =>
        HostRoles.Read(app.Configuration).ServesWeb();

    public static WebApplication MapWebHost(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseResponseCompression();
        app.UsePrecompressedAppAssets(app.Environment.WebRootFileProvider);
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = PrecompressedAssets.ContentTypes });
        app.MapOpenApi().AllowAnonymous();
        // Schools' networks may not reach a CDN: the reference uses the bundled script and the system's fonts.
        app.MapScalarApiReference(o => o.WithTitle("Media API").DisableDefaultFonts()).AllowAnonymous();
        app.MapGet("/culture", SetCulture).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Remembers the chosen language in a cookie and returns to the page the link came from.</summary>
    private static IResult SetCulture(string? name, string? returnUrl, HttpContext context, TimeProvider time)
    {
        var culture = Cultures.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return Results.LocalRedirect(Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl!.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
    }
}
