using Media.Catalog.Lessons;
using Media.Ingest.Contracts;
using Media.Platform.Data;
using Media.Platform.Events;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Media.Catalog;

/// <summary>Lessons in the textbook taxonomy, Chinese search with facets, recommendations.</summary>
public static class CatalogModule
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModuleDatabase<CatalogDbContext, SqliteCatalogDbContext, PostgresCatalogDbContext>(CatalogDbContext.SchemaName);
        builder.Services.AddEventHandler<MediaAccepted, LessonDraftHandler>();
        builder.Services.AddEventHandler<LessonProcessing, LessonStatusHandlers>();
        builder.Services.AddEventHandler<LessonPublished, LessonStatusHandlers>();
        builder.Services.AddEventHandler<LessonTranscodeFailed, LessonStatusHandlers>();
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapLessonEndpoints();
        app.MapChapterEndpoints();
        return app;
    }
}
