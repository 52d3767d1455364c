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
        NewCampaign request, ClaimsPrincipal user, ReviewDbContext db, AdminAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || request.Year is < 2000 or > 2100)
        {
            return Problems.Validation("name (1–200 characters) and year are required.");
        }

        var levels = new List<ReviewLevel>();
        foreach (var name in request.Levels ?? ["school", "county", "city"])
        {
            if (ReviewLevels.Parse(name) is not { } level)
            {
                return Problems.Validation($"levels are school, county, city, province, ministry; not '{name}'.");
            }

            levels.Add(level);
        }

        var rubric = request.Rubric ?? [new("教学设计", 20), new("教学实施", 40), new("信息技术融合", 25), new("教学效果", 15)];
        if (rubric.Count == 0 || rubric.Any(c => string.IsNullOrWhiteSpace(c.Name) || c.Weight is < 1 or > 100) || rubric.Select(c => c.Name).Distinct().Count() != rubric.Count)
        {
            return Problems.Validation("the rubric needs distinct criteria with weights of 1–100.");
        }

        if (request.ReviewersPerEntry is < 1 or > 15)
        {
            return Problems.Validation("reviewersPerEntry must be 1–15.");
        }

        var windows = request.Windows ?? [];
        foreach (var (name, window) in windows)
        {
            if (ReviewLevels.Parse(name) is not { } level || !levels.Contains(level) || window.Opens >= window.Closes)
            {
                return Problems.Validation($"windows are keyed by the campaign's levels and open before they close; not '{name}'.");
            }
        }

        var documents = request.RequiredDocuments ?? [DocumentKinds.Design, DocumentKinds.Courseware];
        if (documents.Any(d => !DocumentKinds.Names.ContainsKey(d)))
        {
            return Problems.Validation($"requiredDocuments are among {string.Join(", ", DocumentKinds.Names.Keys)}.");
        }

        ReviewLevel? publicFrom = null;
        if (request.PublicFrom is { } from)
        {
            if (ReviewLevels.Parse(from) is not { } level || !levels.Contains(level))
            {
                return Problems.Validation("publicFrom must be one of the campaign's levels.");
            }

            publicFrom = level;
        }

        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Name = request.Name.Trim(), Year = request.Year, Levels = levels.Distinct().Order().ToList(), Rubric = rubric,
            ReviewersPerEntry = request.ReviewersPerEntry ?? 3, DisagreementThreshold = request.DisagreementThreshold ?? 15,
            Standard = request.Standard ?? new TechnicalStandard(), CreatedBy = user.UserId()!.Value, CreatedAt = time.GetUtcNow(),
            Windows = windows.ToDictionary(w => ReviewLevels.Parse(w.Key)!.Value.ToString().ToLowerInvariant(), w => w.Value),
            RequiredDocuments = documents.Distinct().ToList(), PublicFrom = publicFrom,
        };
        if (request.Promotion is { } promotion)
        {
            if (promotion.Share is <= 0 or > 1 || promotion.MaxPerRegion is < 1)
            {
                return Problems.Validation("promotion.share must be in (0, 1] and maxPerRegion at least 1.");
            }

            campaign.Promotion = promotion;
        }

        if (request.Hours is { } hours)
        {
            campaign.Hours = hours;
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(user, "campaign.created", $"campaign:{campaign.Id}", $"{campaign.Name} ({campaign.Year})", cancellationToken);
        return TypedResults.Created($"/api/review/campaigns/{campaign.Id}", CampaignDto.Of(campaign));
    }

    internal static async Task<Ok<List<CampaignDto>>> ListAsync(ReviewDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Year).ThenByDescending(c => c.CreatedAt).ToListAsync(cancellationToken))
            .Select(CampaignDto.Of).ToList());

    internal static async Task<Results<Ok<List<PoolMemberDto>>, ProblemHttpResult>> SetPoolAsync(
        Guid id, List<PoolMemberRequest> request, ClaimsPrincipal user, ReviewDbContext db, UserDirectory users, AdminAudit audit, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        // The pool serves every region of the campaign: a region admin may not rewrite another's campaign.
        if (!user.IsInRole(Roles.Admin) && campaign.CreatedBy != user.UserId())
        {
            return Problems.Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Not your campaign.",
                "Only the campaign's creator or an administrator changes its expert pool.");
        }

        var reviewers = (await users.UsersInRoleAsync(Roles.Reviewer, cancellationToken)).Select(u => u.Id).ToHashSet();
        var members = new List<CampaignReviewer>();
        foreach (var member in request ?? [])
        {
            if (!reviewers.Contains(member.UserId))
            {
                return Problems.Validation($"{member.UserId} is not a reviewer.");
            }

            var levels = new List<ReviewLevel>();
            foreach (var name in member.Levels ?? [])
            {
                if (ReviewLevels.Parse(name) is not { } level || !campaign.Levels.Contains(level))
                {
                    return Problems.Validation($"levels must be the campaign's; not '{name}'.");
                }

                levels.Add(level);
            }

            members.Add(new CampaignReviewer
            {
                CampaignId = id, ReviewerId = member.UserId, Levels = levels.Distinct().ToList(),
                Subjects = (member.Subjects ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList(),
            });
        }

        if (members.Select(m => m.ReviewerId).Distinct().Count() != members.Count)
        {
            return Problems.Validation("each reviewer is enrolled once.");
        }

        await db.Reviewers.Where(r => r.CampaignId == id).ExecuteDeleteAsync(cancellationToken);
        db.Reviewers.AddRange(members);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(user, "campaign.pool-replaced", $"campaign:{id}", $"{members.Count} reviewers", cancellationToken);
        return TypedResults.Ok(members.Select(PoolMemberDto.Of).ToList());
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
