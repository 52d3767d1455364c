using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Media.Platform.Identity.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Review.Data;

namespace Media.Review.Campaigns;

/// <summary>
/// The review API: campaigns and their expert pools (here), teachers' submissions and appeals
/// (<see cref="SubmissionEndpoints"/>), assignment and blind scoring (<see cref="ScoringEndpoints"/>), and results,
/// public notices, publication and statistics (<see cref="ResultEndpoints"/>).
/// </summary>
internal static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/review").WithTags("Review").RequireAuthorization();
        group.MapPost("/campaigns", CreateAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Create a campaign: levels and their windows, rubric, reviewers per entry, required materials, technical standard, promotion and hours (administrators)");
        group.MapGet("/campaigns", ListAsync).WithSummary("Campaigns");
        group.MapPut("/campaigns/{id:guid}/reviewers", SetPoolAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Enrol the campaign's experts with the subjects and levels each judges (replaces the pool); without a pool every reviewer judges everything");
        group.MapGet("/campaigns/{id:guid}/reviewers", PoolAsync).RequireAuthorization(ReviewLevels.CampaignAdmin).WithSummary("The campaign's expert pool");
        SubmissionEndpoints.Map(group);
        ScoringEndpoints.Map(group);
        ResultEndpoints.Map(group);
        StatisticsEndpoints.Map(group);
        return routes;
    }

    internal static async Task<Results<Created<CampaignDto>, ProblemHttpResult>> CreateAsync(
        NewCampaign request, ClaimsPrincipal user, CampaignSetup setup, CancellationToken cancellationToken)
    {
        var created = await setup.CreateAsync(user, request, cancellationToken);
        return created.Value is { } campaign
            ? TypedResults.Created($"/api/review/campaigns/{campaign.Id}", CampaignDto.Of(campaign))
            : Problems.For(created);
    }

    internal static async Task<Ok<List<CampaignDto>>> ListAsync(ReviewDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Year).ThenByDescending(c => c.CreatedAt).ToListAsync(cancellationToken))
            .Select(CampaignDto.Of).ToList());

    internal static async Task<Results<Ok<List<PoolMemberDto>>, ProblemHttpResult>> SetPoolAsync(
        Guid id, List<PoolMemberRequest> request, ClaimsPrincipal user, CampaignSetup setup, CancellationToken cancellationToken)
    {
        var replaced = await setup.ReplacePoolAsync(user, id, request ?? [], cancellationToken);
        return replaced.Value is { } members ? TypedResults.Ok(members.Select(PoolMemberDto.Of).ToList()) : Problems.For(replaced);
    }

    internal static async Task<Ok<List<PoolMemberDto>>> PoolAsync(Guid id, ReviewDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Reviewers.AsNoTracking().Where(r => r.CampaignId == id).ToListAsync(cancellationToken)).Select(PoolMemberDto.Of).ToList());
}

internal sealed record NewCampaign(
    string? Name, int Year, List<string>? Levels, List<Criterion>? Rubric, int? ReviewersPerEntry, double? DisagreementThreshold, TechnicalStandard? Standard,
    PromotionRule? Promotion = null, Dictionary<string, double>? Hours = null, Dictionary<string, LevelWindow>? Windows = null,
    List<string>? RequiredDocuments = null, string? PublicFrom = null);

internal sealed record CampaignDto(
    Guid Id, string Name, int Year, List<string> Levels, List<Criterion> Rubric, int ReviewersPerEntry, TechnicalStandard Standard,
    Dictionary<string, LevelWindow> Windows, List<string> RequiredDocuments, string? PublicFrom, PromotionRule Promotion, List<Notice> Notices, List<PublishedLevel> Published)
{
    internal static CampaignDto Of(Campaign c) => new(
        c.Id, c.Name, c.Year, c.Levels.Select(ReviewLevels.NameOf).ToList(), c.Rubric, c.ReviewersPerEntry, c.Standard,
        c.Windows, c.RequiredDocuments, c.PublicFrom is { } from ? ReviewLevels.NameOf(from) : null, c.Promotion, c.Notices, c.Published);
}

internal sealed record PoolMemberRequest(Guid UserId, List<string>? Subjects, List<string>? Levels);

internal sealed record PoolMemberDto(Guid UserId, List<string> Subjects, List<string> Levels)
{
    internal static PoolMemberDto Of(CampaignReviewer r) => new(r.ReviewerId, r.Subjects, r.Levels.Select(ReviewLevels.NameOf).ToList());
}
