using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Media.Catalog;

/// <summary>Lessons in the textbook taxonomy, Chinese search with facets, recommendations.</summary>
public static class CatalogModule
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
