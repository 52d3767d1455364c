using Media.Ingest.Contracts;
using Media.Platform.Data;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Review.Campaigns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Media.Review.Data;

namespace Media.Review;

/// <summary>Review campaigns (一师一优课): submissions, levels, blind rubric scoring, promotion.</summary>
public static class ReviewModule
{
    public static IHostApplicationBuilder AddReview(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModuleDatabase<ReviewDbContext, SqliteReviewDbContext, PostgresReviewDbContext>(ReviewDbContext.SchemaName);
        builder.Services.AddEventHandler<MediaAccepted, LessonMediaHandler>();
        builder.Services.AddEventHandler<Media.Transcoding.Contracts.LessonScreenTextRead, TitleCardHandler>();
        builder.Services.AddEventHandler<Media.Catalog.Contracts.LessonDetailsChanged, LessonDetailsHandler>();
        builder.Services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<Demo.DemoCampaign>();
        builder.Services.AddScoped<ReviewScope>();
        builder.Services.AddScoped<CampaignSetup>();
        builder.Services.AddScoped<SubmissionWorkflow>();
        builder.Services.AddScoped<EntryAssignment>();
        builder.Services.AddScoped<LevelResults>();
        builder.Services.AddScoped<Contracts.IReviewAssignments, ReviewAssignmentsQuery>();
        builder.Services.AddScoped<FingerprintJob>();
        builder.Services.AddSingleton(new Platform.Web.NavigationItem("Nav.Review", "Home.Review", "/review", Policies.Reviewer, Order: 40));
        builder.Services.AddSingleton(new Platform.Web.NavigationItem("Nav.ReviewMine", "Home.ReviewMine", "/review/mine", Policies.TeacherOrAbove, Order: 41));
        builder.Services.AddSingleton(new Platform.Web.NavigationItem("Nav.ReviewAdmin", "Home.ReviewAdmin", "/review/admin", ReviewLevels.CampaignAdmin, Order: 42));
        builder.Services.Configure<AuthorizationOptions>(o => o.AddPolicy(ReviewLevels.CampaignAdmin, p => p.RequireRole(Roles.Admin, Roles.RegionAdmin)));
        return builder;
    }

    public static WebApplication MapReview(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapReviewEndpoints();
        return app;
    }
}
