using System.Security.Claims;
using Media.Platform.Identity;
using Media.Platform.Identity.Admin;
using Media.Review.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>
/// Setting a campaign up: its levels and windows, rubric, materials, technical standard, promotion and hours, then its
/// expert pool. Each step checks the whole request before anything is stored and audits what it stored.
/// </summary>
internal sealed class CampaignSetup(ReviewDbContext db, UserDirectory users, AdminAudit audit, TimeProvider time)
{
    public static IReadOnlyList<Criterion> DefaultRubric { get; } = [new("教学设计", 20), new("教学实施", 40), new("信息技术融合", 25), new("教学效果", 15)];

    public async Task<Outcome<Campaign>> CreateAsync(ClaimsPrincipal actor, NewCampaign request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || request.Year is < 2000 or > 2100)
        {
            return Outcome.Invalid<Campaign>("name (1–200 characters) and year are required.");
        }

        var levels = new List<ReviewLevel>();
        foreach (var name in request.Levels ?? ["school", "county", "city"])
        {
            if (ReviewLevels.Parse(name) is not { } level)
            {
                return Outcome.Invalid<Campaign>($"levels are school, county, city, province, ministry; not '{name}'.");
            }

            levels.Add(level);
        }

        var rubric = request.Rubric ?? [.. DefaultRubric];
        if (rubric.Count == 0 || rubric.Any(c => string.IsNullOrWhiteSpace(c.Name) || c.Weight is < 1 or > 100) || rubric.Select(c => c.Name).Distinct().Count() != rubric.Count)
        {
            return Outcome.Invalid<Campaign>("the rubric needs distinct criteria with weights of 1–100.");
        }

        if (request.ReviewersPerEntry is < 1 or > 15)
        {
            return Outcome.Invalid<Campaign>("reviewersPerEntry must be 1–15.");
        }

        var windows = request.Windows ?? [];
        foreach (var (name, window) in windows)
        {
            if (ReviewLevels.Parse(name) is not { } level || !levels.Contains(level) || window.Opens >= window.Closes)
            {
                return Outcome.Invalid<Campaign>($"windows are keyed by the campaign's levels and open before they close; not '{name}'.");
            }
        }

        var documents = request.RequiredDocuments ?? [DocumentKinds.Design, DocumentKinds.Courseware];
        if (documents.Any(d => !DocumentKinds.Names.ContainsKey(d)))
        {
            return Outcome.Invalid<Campaign>($"requiredDocuments are among {string.Join(", ", DocumentKinds.Names.Keys)}.");
        }

        ReviewLevel? publicFrom = null;
        if (request.PublicFrom is { } from)
        {
            if (ReviewLevels.Parse(from) is not { } level || !levels.Contains(level))
            {
                return Outcome.Invalid<Campaign>("publicFrom must be one of the campaign's levels.");
            }

            publicFrom = level;
        }

        if (request.Promotion is { Share: <= 0 or > 1 } or { MaxPerRegion: < 1 })
        {
            return Outcome.Invalid<Campaign>("promotion.share must be in (0, 1] and maxPerRegion at least 1.");
        }

        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Name = request.Name.Trim(), Year = request.Year, Levels = levels.Distinct().Order().ToList(), Rubric = rubric,
            ReviewersPerEntry = request.ReviewersPerEntry ?? 3, DisagreementThreshold = request.DisagreementThreshold ?? 15,
            Standard = request.Standard ?? new TechnicalStandard(), CreatedBy = actor.UserId()!.Value, CreatedAt = time.GetUtcNow(),
            Windows = windows.ToDictionary(w => ReviewLevels.NameOf(ReviewLevels.Parse(w.Key)!.Value), w => w.Value),
            RequiredDocuments = documents.Distinct().ToList(), PublicFrom = publicFrom,
        };
        if (request.Promotion is { } promotion)
        {
            campaign.Promotion = promotion;
        }

        if (request.Hours is { } hours)
        {
            campaign.Hours = hours;
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, "campaign.created", $"campaign:{campaign.Id}", $"{campaign.Name} ({campaign.Year})", cancellationToken);
        return Outcome.Done(campaign);
    }

    /// <summary>Replaces the campaign's expert pool: reviewers with the subjects and levels each judges.</summary>
    public async Task<Outcome<List<CampaignReviewer>>> ReplacePoolAsync(
        ClaimsPrincipal actor, Guid campaignId, IReadOnlyList<PoolMemberRequest> request, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return Outcome.NotFound<List<CampaignReviewer>>($"No campaign {campaignId}.");
        }

        // The pool serves every region of the campaign: a region admin may not rewrite another's campaign.
        if (!actor.IsInRole(Roles.Admin) && campaign.CreatedBy != actor.UserId())
        {
            return Outcome.Forbidden<List<CampaignReviewer>>("Only the campaign's creator or an administrator changes its expert pool.");
        }

        var reviewers = (await users.UsersInRoleAsync(Roles.Reviewer, cancellationToken)).Select(u => u.Id).ToHashSet();
        var members = new List<CampaignReviewer>();
        foreach (var member in request)
        {
            if (!reviewers.Contains(member.UserId))
            {
                return Outcome.Invalid<List<CampaignReviewer>>($"{member.UserId} is not a reviewer.");
            }

            var levels = new List<ReviewLevel>();
            foreach (var name in member.Levels ?? [])
            {
                if (ReviewLevels.Parse(name) is not { } level || !campaign.Levels.Contains(level))
                {
                    return Outcome.Invalid<List<CampaignReviewer>>($"levels must be the campaign's; not '{name}'.");
                }

                levels.Add(level);
            }

            members.Add(new CampaignReviewer
            {
                CampaignId = campaignId, ReviewerId = member.UserId, Levels = levels.Distinct().ToList(),
                Subjects = (member.Subjects ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList(),
            });
        }

        if (members.Select(m => m.ReviewerId).Distinct().Count() != members.Count)
        {
            return Outcome.Invalid<List<CampaignReviewer>>("each reviewer is enrolled once.");
        }

        await db.Reviewers.Where(r => r.CampaignId == campaignId).ExecuteDeleteAsync(cancellationToken);
        db.Reviewers.AddRange(members);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, "campaign.pool-replaced", $"campaign:{campaignId}", $"{members.Count} reviewers", cancellationToken);
        return Outcome.Done(members);
    }
}
