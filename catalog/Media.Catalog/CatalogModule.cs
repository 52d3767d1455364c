using Media.Catalog.Assignments;
using Media.Catalog.Demo;
using Media.Catalog.Engagement;
using Media.Catalog.Lessons;
using Media.Catalog.Search;
using Media.Catalog.Taxonomy;
using Media.Platform;
using Media.Platform.Web;
using Media.Streaming.Contracts;
using Media.Ingest.Contracts;
using Media.Platform.Data;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Media.Catalog.Data;

namespace Media.Catalog;

/// <summary>Lessons in the textbook taxonomy, Chinese search with facets, recommendations.</summary>
public static class CatalogModule
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModuleDatabase<CatalogDbContext, SqliteCatalogDbContext, PostgresCatalogDbContext>(CatalogDbContext.SchemaName);
        builder.Services.AddEventHandler<Platform.Identity.Admin.OrganisationMoved, OrganisationMovedHandler>();
        builder.Services.AddEventHandler<MediaAccepted, LessonDraftHandler>();
        builder.Services.AddEventHandler<LessonProcessing, LessonStatusHandlers>();
        builder.Services.AddEventHandler<LessonPublished, LessonStatusHandlers>();
        builder.Services.AddEventHandler<LessonTranscodeFailed, LessonStatusHandlers>();
        builder.Services.AddEventHandler<LessonEngagementChanged, LessonStatusHandlers>();
        builder.Services.AddEventHandler<Media.Review.Contracts.LessonAwarded, LessonAwardHandler>();
        builder.Services.AddEventHandler<LessonAccessChanged, LessonAccessHandler>();
        builder.Services.AddEventHandler<LessonCaptionsChanged, LessonTextHandlers>();
        builder.Services.AddEventHandler<LessonScreenTextRead, LessonTextHandlers>();
        builder.Services.AddScoped<ViewerAudience>();

        builder.Services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = StartupOptions.Read<CatalogOptions>(builder.Configuration, CatalogOptions.Section);
        var provider = ProviderKey.Resolve("Media:Catalog:SearchProvider", options.SearchProvider, CatalogOptions.Lucene, CatalogOptions.Elasticsearch);
        if (provider == CatalogOptions.Lucene)
        {
            var folder = options.LucenePath ?? Path.Combine(StartupOptions.Read<MediaOptions>(builder.Configuration, MediaOptions.Section).FullDataPath, "search");
            builder.Services.AddSingleton<ILessonIndex>(_ => new LuceneLessonIndex(folder));
        }
        else
        {
            var url = options.ElasticsearchUrl ?? throw new StartupException("Media:Catalog:ElasticsearchUrl is required when Media:Catalog:SearchProvider is Elasticsearch.");
            builder.Services.AddSingleton<ILessonIndex>(_ => new ElasticsearchLessonIndex(url, options.ElasticsearchIndex));
        }

        builder.Services.AddScoped<LessonIndexer>();
        builder.Services.AddScoped<LessonLifecycle>();
        builder.Services.AddScoped<LessonVisibility>();
        builder.Services.AddScoped<ClassAssignments>();
        builder.Services.AddScoped<DemoLibrary>();
        builder.Services.AddHostedService<DemoRecordings>();
        if (HostRoles.Read(builder.Configuration).ServesWeb())
        {
            builder.Services.AddHostedService<SearchIndexSync>();
        }

        builder.Services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search-index", tags: ["ready"]);
        builder.Services.AddSingleton(new NavigationItem("Nav.Catalog", "Home.Catalog", "/catalog", Order: 10));
        builder.Services.AddSingleton(new NavigationItem("Nav.MyLessons", "Home.MyLessons", "/lessons/mine", Policies.TeacherOrAbove, Order: 15));
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapLessonEndpoints();
        app.MapMyLessonsEndpoints();
        app.MapChapterEndpoints();
        app.MapTranscriptEndpoints();
        app.MapSearchEndpoints();
        app.MapTaxonomyEndpoints();
        app.MapCoverageEndpoints();
        app.MapEngagementEndpoints();
        app.MapRecommendationEndpoints();
        app.MapClassAssignmentEndpoints();
        return app;
    }
}
