using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Events;
using Media.Review.Contracts;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>
/// Campaigns, teachers' submissions (checked against the technical standard), reviewer assignment without conflicts
/// of interest, blind scoring against the rubric, and results with trimmed means and disputes flagged.
/// </summary>
internal static class ReviewEndpoints
{
    public const string CampaignAdmin = "review-admin";
    public const string TechnicalProblem = "urn:media:problem:technical-standard";

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/review").WithTags("Review").RequireAuthorization();
        group.MapPost("/campaigns", CreateAsync).RequireAuthorization(CampaignAdmin).WithSummary("Create a campaign: levels, rubric, reviewers per entry, technical standard (administrators)");
        group.MapGet("/campaigns", ListAsync).WithSummary("Campaigns");
        group.MapPost("/campaigns/{id:guid}/submissions", SubmitAsync).RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Submit one of your lessons; refused with every technical shortfall explained");
        group.MapGet("/campaigns/{id:guid}/submissions/mine", MineAsync).WithSummary("Your submissions to the campaign and their state");
        group.MapDelete("/submissions/{id:guid}", WithdrawAsync).WithSummary("Withdraw your submission before review starts");
        group.MapPost("/campaigns/{id:guid}/assignments", AssignAsync).RequireAuthorization(CampaignAdmin)
            .WithSummary("Assign reviewers to every submitted entry at a level: balanced, never from the teacher's school (or county at county level)");
        group.MapGet("/assignments", QueueAsync).RequireAuthorization(Policies.Reviewer).WithSummary("Your review queue, blind: no teacher, school or region");
        group.MapPut("/assignments/{id:guid}", ScoreAsync).RequireAuthorization(Policies.Reviewer).WithSummary("Save scores per criterion (draft) or submit them (final)");
        group.MapGet("/campaigns/{id:guid}/results", ResultsAsync).RequireAuthorization(CampaignAdmin)
            .WithSummary("Entries ranked by aggregated score at a level, with disputes flagged for arbitration");
        group.MapPost("/campaigns/{id:guid}/levels/{level}/publish", PublishAsync).RequireAuthorization(CampaignAdmin)
            .WithSummary("Publish a level's results: winners by the quota rules get the level's award and go up; published results never change");
        group.MapGet("/certificates/mine", CertificatesAsync).WithSummary("The caller's awards with their continuing-education hours");
        group.MapGet("/submissions/{id:guid}/audit", AuditAsync).RequireAuthorization(CampaignAdmin).WithSummary("Who did what to a submission, when");
        return routes;
    }

    internal static async Task<Results<Created<CampaignDto>, ProblemHttpResult>> CreateAsync(
        NewCampaign request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || request.Year is < 2000 or > 2100)
        {
            return Problems.Validation("name (1–200 characters) and year are required.");
        }

        var levels = new List<ReviewLevel>();
        foreach (var name in request.Levels ?? ["school", "county", "city"])
        {
            if (!Enum.TryParse<ReviewLevel>(name, ignoreCase: true, out var level) || int.TryParse(name, out _))
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

        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Name = request.Name.Trim(), Year = request.Year, Levels = levels.Distinct().Order().ToList(), Rubric = rubric,
            ReviewersPerEntry = request.ReviewersPerEntry ?? 3, DisagreementThreshold = request.DisagreementThreshold ?? 15,
            Standard = request.Standard ?? new TechnicalStandard(), CreatedBy = user.UserId()!.Value, CreatedAt = time.GetUtcNow(),
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
        return TypedResults.Created($"/api/review/campaigns/{campaign.Id}", CampaignDto.Of(campaign));
    }

    internal static async Task<Ok<List<CampaignDto>>> ListAsync(ReviewDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Year).ToListAsync(cancellationToken)).Select(CampaignDto.Of).ToList());

    internal static async Task<Results<Created<SubmissionDto>, ProblemHttpResult>> SubmitAsync(
        Guid id, SubmitRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var me = user.UserId()!.Value;
        var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.LessonId == request.LessonId, cancellationToken);
        if (campaign is null || lesson is null || lesson.OwnerId != me)
        {
            return Problems.NotFound(campaign is null ? $"No campaign {id}." : $"No lesson {request.LessonId} of yours.");
        }

        var failures = ReviewRules.Check(lesson, campaign.Standard);
        if (failures.Count > 0)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, TechnicalProblem, "The lesson does not meet the technical standard.", string.Join(" ", failures));
        }

        if (await db.Submissions.AnyAsync(s => s.CampaignId == id && s.LessonId == request.LessonId && s.State != SubmissionState.Withdrawn, cancellationToken))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already submitted.", "A lesson is submitted to a campaign once.");
        }

        await db.Submissions.Where(s => s.CampaignId == id && s.LessonId == request.LessonId).ExecuteDeleteAsync(cancellationToken);
        var submission = new Submission
        {
            Id = Guid.NewGuid(), CampaignId = id, LessonId = request.LessonId, TeacherId = me, SchoolId = user.OrganisationId(),
            Level = campaign.Levels[0], State = SubmissionState.Submitted, SubmittedAt = time.GetUtcNow(),
        };
        db.Submissions.Add(submission);
        db.Audit.Add(new AuditEntry { SubmissionId = submission.Id, ActorId = me, Action = "submitted", Detail = $"level {submission.Level}", At = submission.SubmittedAt });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/review/submissions/{submission.Id}", SubmissionDto.Of(submission));
    }

    internal static async Task<Ok<List<SubmissionDto>>> MineAsync(Guid id, ClaimsPrincipal user, ReviewDbContext db, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var mine = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == id && s.TeacherId == me).ToListAsync(cancellationToken);
        return TypedResults.Ok(mine.Select(SubmissionDto.Of).ToList());
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == id && s.TeacherId == me, cancellationToken);
        if (submission is null)
        {
            return Problems.NotFound($"No submission {id} of yours.");
        }

        if (submission.State != SubmissionState.Submitted)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Review has started.", "A submission can be withdrawn only before reviewers are assigned.");
        }

        submission.State = SubmissionState.Withdrawn;
        db.Audit.Add(new AuditEntry { SubmissionId = id, ActorId = me, Action = "withdrawn", At = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<AssignmentSummaryDto>, ProblemHttpResult>> AssignAsync(
        Guid id, string? level, ClaimsPrincipal user, ReviewDbContext db, UserDirectory users, TimeProvider time, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        if (!Enum.TryParse<ReviewLevel>(level ?? "", ignoreCase: true, out var at) || !campaign.Levels.Contains(at))
        {
            return Problems.Validation($"level must be one of the campaign's: {string.Join(", ", campaign.Levels).ToLowerInvariant()}.");
        }

        if (IsPublished(campaign, at))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Results published.", "Published results are immutable.");
        }

        var submissions = await db.Submissions.Where(s => s.CampaignId == id && s.Level == at && s.State == SubmissionState.Submitted)
            .OrderBy(s => s.SubmittedAt).ToListAsync(cancellationToken);
        var counties = new Dictionary<Guid, Guid?>();
        async Task<Guid?> CountyOf(Guid? organisation)
        {
            if (organisation is not { } org)
            {
                return null;
            }

            if (!counties.TryGetValue(org, out var county))
            {
                county = (await users.GetLineageAsync(org, cancellationToken)).FirstOrDefault(o => o.Kind == OrganisationKind.County)?.Id;
                counties[org] = county;
            }

            return county;
        }

        var entries = new List<ReviewRules.Entry>();
        foreach (var submission in submissions)
        {
            entries.Add(new ReviewRules.Entry(submission.Id, submission.SchoolId, await CountyOf(submission.SchoolId)));
        }

        var reviewers = new List<ReviewRules.Reviewer>();
        foreach (var reviewer in await users.UsersInRoleAsync(Roles.Reviewer, cancellationToken))
        {
            reviewers.Add(new ReviewRules.Reviewer(reviewer.Id, reviewer.OrganisationId, await CountyOf(reviewer.OrganisationId)));
        }

        var load = await db.Assignments.Where(a => !a.Final).GroupBy(a => a.ReviewerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var pairs = ReviewRules.Assign(entries, reviewers, campaign.ReviewersPerEntry, at, load);
        var now = time.GetUtcNow();
        var actor = user.UserId()!.Value;
        foreach (var (submissionId, reviewerId) in pairs)
        {
            db.Assignments.Add(new Assignment { Id = Guid.NewGuid(), SubmissionId = submissionId, ReviewerId = reviewerId, Level = at, AssignedAt = now });
            db.Audit.Add(new AuditEntry { SubmissionId = submissionId, ActorId = actor, Action = "assigned", Detail = $"reviewer {reviewerId:N} at {at}", At = now });
        }

        foreach (var submission in submissions)
        {
            submission.State = SubmissionState.InReview;
        }

        await db.SaveChangesAsync(cancellationToken);
        var entriesShort = entries.Count(e => pairs.Count(p => p.SubmissionId == e.SubmissionId) < campaign.ReviewersPerEntry);
        return TypedResults.Ok(new AssignmentSummaryDto(entries.Count, pairs.Count, entriesShort));
    }

    internal static async Task<Ok<List<BlindEntryDto>>> QueueAsync(ClaimsPrincipal user, ReviewDbContext db, UserDirectory users, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.ReviewerId == me).OrderBy(a => a.AssignedAt).ToListAsync(cancellationToken);
        var result = new List<BlindEntryDto>();
        foreach (var assignment in assignments)
        {
            var submission = await db.Submissions.AsNoTracking().FirstAsync(s => s.Id == assignment.SubmissionId, cancellationToken);
            var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == submission.CampaignId, cancellationToken);
            var lesson = await db.Lessons.AsNoTracking().FirstAsync(l => l.LessonId == submission.LessonId, cancellationToken);
            var teacher = await users.FindAsync(submission.TeacherId, cancellationToken);
            var places = submission.SchoolId is { } school ? (await users.GetLineageAsync(school, cancellationToken)).Select(o => o.Name) : [];
            var title = ReviewRules.BlindTitle(lesson.Title, [teacher?.DisplayName, teacher?.UserName, .. places]);
            result.Add(new BlindEntryDto(assignment.Id, submission.LessonId, title, lesson.Stage, lesson.Grade, lesson.Subject, lesson.Edition, lesson.Lesson,
                assignment.Level.ToString().ToLowerInvariant(), campaign.Rubric, assignment.Scores, assignment.Comment, assignment.Final));
        }

        return TypedResults.Ok(result);
    }

    internal static async Task<Results<Ok<BlindScoreDto>, ProblemHttpResult>> ScoreAsync(
        Guid id, ScoreRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var assignment = await db.Assignments.FirstOrDefaultAsync(a => a.Id == id && a.ReviewerId == me, cancellationToken);
        if (assignment is null)
        {
            return Problems.NotFound($"No assignment {id} of yours.");
        }

        if (assignment.Final)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already submitted.", "Final scores cannot be changed.");
        }

        var submission = await db.Submissions.FirstAsync(s => s.Id == assignment.SubmissionId, cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == submission.CampaignId, cancellationToken);
        if (IsPublished(campaign, assignment.Level))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Results published.", "Published results are immutable.");
        }

        var rubric = campaign.Rubric;
        var scores = request.Scores ?? [];
        var bad = scores.Where(s => rubric.All(c => c.Name != s.Key) || !double.IsFinite(s.Value) || s.Value < 0 || s.Value > rubric.First(c => c.Name == s.Key).Weight).Select(s => s.Key).ToList();
        if (bad.Count > 0)
        {
            return Problems.Validation($"Scores must be 0 to the criterion's weight, for the rubric's criteria only: {string.Join(", ", bad)}.");
        }

        if (request.Final && rubric.Any(c => !scores.ContainsKey(c.Name)))
        {
            return Problems.Validation($"A final score covers every criterion: {string.Join(", ", rubric.Select(c => c.Name))}.");
        }

        assignment.Scores = scores;
        assignment.Comment = request.Comment?.Trim();
        assignment.Final = request.Final;
        assignment.ScoredAt = time.GetUtcNow();
        if (request.Final)
        {
            db.Audit.Add(new AuditEntry { SubmissionId = submission.Id, ActorId = me, Action = "scored", Detail = $"total {scores.Values.Sum()}", At = assignment.ScoredAt.Value });
            await db.SaveChangesAsync(cancellationToken);
            if (!await db.Assignments.AnyAsync(a => a.SubmissionId == submission.Id && a.Level == submission.Level && !a.Final, cancellationToken))
            {
                submission.State = SubmissionState.Scored;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new BlindScoreDto(assignment.Id, assignment.Scores, assignment.Scores.Values.Sum(), assignment.Final));
    }

    internal static async Task<Results<Ok<List<ResultDto>>, ProblemHttpResult>> ResultsAsync(
        Guid id, string? level, ReviewDbContext db, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null || !Enum.TryParse<ReviewLevel>(level ?? "", ignoreCase: true, out var at))
        {
            return campaign is null ? Problems.NotFound($"No campaign {id}.") : Problems.Validation("level is required (school, county, city, province, ministry).");
        }

        var submissions = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == id && s.Level == at && s.State != SubmissionState.Withdrawn).ToListAsync(cancellationToken);
        var ids = submissions.Select(s => s.Id).ToList();
        var assignments = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.SubmissionId) && a.Level == at && a.Final).ToListAsync(cancellationToken);
        var ranked = submissions.Select(s =>
        {
            var totals = assignments.Where(a => a.SubmissionId == s.Id).Select(a => a.Scores.Values.Sum()).ToList();
            var (score, disputed) = ReviewRules.Aggregate(totals, campaign.DisagreementThreshold);
            return new ResultDto(s.Id, s.LessonId, s.TeacherId, score, totals.Count, disputed, 0);
        })
        .OrderByDescending(r => r.Score).ThenBy(r => r.SubmissionId)
        .Select((r, index) => r with { Rank = index + 1 })
        .ToList();
        return TypedResults.Ok(ranked);
    }

    internal static async Task<Results<Ok<PublishedLevel>, ProblemHttpResult>> PublishAsync(
        Guid id, string level, ClaimsPrincipal user, ReviewDbContext db, UserDirectory users, DomainEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        if (!Enum.TryParse<ReviewLevel>(level, ignoreCase: true, out var at) || !campaign.Levels.Contains(at) || int.TryParse(level, out _))
        {
            return Problems.Validation($"level must be one of the campaign's: {string.Join(", ", campaign.Levels).ToLowerInvariant()}.");
        }

        if (IsPublished(campaign, at))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already published.", "Published results are immutable.");
        }

        var submissions = await db.Submissions.Where(s => s.CampaignId == id && s.Level == at && (s.State == SubmissionState.InReview || s.State == SubmissionState.Scored))
            .ToListAsync(cancellationToken);
        var ids = submissions.Select(s => s.Id).ToList();
        var assignments = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.SubmissionId) && a.Level == at).ToListAsync(cancellationToken);
        var missing = assignments.Count(a => !a.Final);
        if (missing > 0 || submissions.Count == 0)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Not ready to publish.",
                submissions.Count == 0 ? "No entries are in review at this level." : $"{missing} reviewer score(s) at this level are not final yet.");
        }

        // Entries compete within the region above the level: a school's entries among themselves, a county's, a city's …
        var regionKind = at switch
        {
            ReviewLevel.School => OrganisationKind.School,
            ReviewLevel.County => OrganisationKind.County,
            ReviewLevel.City => OrganisationKind.City,
            _ => OrganisationKind.Province,
        };
        var ranked = new List<ReviewRules.Ranked>();
        foreach (var submission in submissions)
        {
            var region = at == ReviewLevel.Ministry || submission.SchoolId is not { } school
                ? null
                : (await users.GetLineageAsync(school, cancellationToken)).FirstOrDefault(o => o.Kind == regionKind)?.Id;
            var lesson = await db.Lessons.AsNoTracking().FirstAsync(l => l.LessonId == submission.LessonId, cancellationToken);
            var node = lesson.Lesson is null ? null : string.Join('|', lesson.Grade, lesson.Subject, lesson.Edition, lesson.Lesson);
            var (score, _) = ReviewRules.Aggregate(assignments.Where(a => a.SubmissionId == submission.Id).Select(a => a.Scores.Values.Sum()).ToList(), campaign.DisagreementThreshold);
            ranked.Add(new ReviewRules.Ranked(submission.Id, score, submission.SubmittedAt, region, node, submission.TeacherId));
        }

        var promoted = ReviewRules.Promote(ranked, campaign.Promotion, at);
        var next = campaign.Levels.Where(l => l > at).Order().Cast<ReviewLevel?>().FirstOrDefault();
        var now = time.GetUtcNow();
        var actor = user.UserId()!.Value;
        var awards = new List<LessonAwarded>();
        foreach (var submission in submissions)
        {
            if (promoted.Contains(submission.Id))
            {
                submission.Award = at;
                submission.State = next is null ? SubmissionState.Awarded : SubmissionState.Submitted;
                submission.Level = next ?? at;
                db.Certificates.Add(new Certificate
                {
                    Id = Guid.NewGuid(), TeacherId = submission.TeacherId, CampaignId = id, LessonId = submission.LessonId, Level = at,
                    Hours = campaign.Hours.GetValueOrDefault(at.ToString().ToLowerInvariant()), IssuedAt = now,
                });
                awards.Add(new LessonAwarded(submission.LessonId, ReviewRules.AwardName(at), campaign.Year, campaign.Name));
                db.Audit.Add(new AuditEntry { SubmissionId = submission.Id, ActorId = actor, Action = "awarded", Detail = ReviewRules.AwardName(at), At = now });
            }
            else
            {
                submission.State = SubmissionState.NotPromoted;
                db.Audit.Add(new AuditEntry { SubmissionId = submission.Id, ActorId = actor, Action = "not promoted", Detail = $"at {at}", At = now });
            }
        }

        var published = new PublishedLevel(at.ToString().ToLowerInvariant(), now,
            ranked.Where(r => promoted.Contains(r.SubmissionId)).OrderByDescending(r => r.Score).Select(r => r.SubmissionId).ToList(),
            ranked.OrderByDescending(r => r.Score).ThenBy(r => r.SubmittedAt).Select(r => r.SubmissionId).ToList());
        campaign.Published = [.. campaign.Published, published];
        await db.SaveChangesAsync(cancellationToken);
        foreach (var award in awards)
        {
            await events.PublishAsync(award, cancellationToken);
        }

        return TypedResults.Ok(published);
    }

    internal static async Task<Ok<List<CertificateDto>>> CertificatesAsync(ClaimsPrincipal user, ReviewDbContext db, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.TeacherId == me).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(certificates.Select(c => new CertificateDto(c.CampaignId, c.LessonId, ReviewRules.AwardName(c.Level), c.Hours, c.IssuedAt)).ToList());
    }

    private static bool IsPublished(Campaign campaign, ReviewLevel level) =>
        campaign.Published.Any(p => string.Equals(p.Level, level.ToString(), StringComparison.OrdinalIgnoreCase));

    internal static async Task<Ok<List<AuditDto>>> AuditAsync(Guid id, ReviewDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Audit.AsNoTracking().Where(a => a.SubmissionId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .Select(a => new AuditDto(a.Action, a.ActorId, a.Detail, a.At)).ToList());
}

public sealed record NewCampaign(
    string? Name, int Year, List<string>? Levels, List<Criterion>? Rubric, int? ReviewersPerEntry, double? DisagreementThreshold, TechnicalStandard? Standard,
    PromotionRule? Promotion = null, Dictionary<string, double>? Hours = null);

public sealed record CampaignDto(Guid Id, string Name, int Year, List<string> Levels, List<Criterion> Rubric, int ReviewersPerEntry, TechnicalStandard Standard)
{
    internal static CampaignDto Of(Campaign c) => new(c.Id, c.Name, c.Year, c.Levels.Select(l => l.ToString().ToLowerInvariant()).ToList(), c.Rubric, c.ReviewersPerEntry, c.Standard);
}

public sealed record SubmitRequest(Guid LessonId);

public sealed record SubmissionDto(Guid Id, Guid CampaignId, Guid LessonId, string Level, string State, DateTimeOffset SubmittedAt)
{
    internal static SubmissionDto Of(Submission s) => new(s.Id, s.CampaignId, s.LessonId, s.Level.ToString().ToLowerInvariant(), s.State.ToString().ToLowerInvariant(), s.SubmittedAt);
}

public sealed record AssignmentSummaryDto(int Entries, int Assignments, int EntriesShortOfReviewers);

/// <summary>What a reviewer sees: the lesson and its place in the textbook, never the teacher, school or region.</summary>
public sealed record BlindEntryDto(
    Guid AssignmentId, Guid LessonId, string Title, string? Stage, string? Grade, string? Subject, string? Edition, string? Lesson,
    string Level, List<Criterion> Rubric, Dictionary<string, double> Scores, string? Comment, bool Final);

public sealed record ScoreRequest(Dictionary<string, double>? Scores, string? Comment, bool Final);

public sealed record BlindScoreDto(Guid AssignmentId, Dictionary<string, double> Scores, double Total, bool Final);

public sealed record ResultDto(Guid SubmissionId, Guid LessonId, Guid TeacherId, double Score, int Scores, bool Disputed, int Rank);

public sealed record CertificateDto(Guid CampaignId, Guid LessonId, string Award, double Hours, DateTimeOffset IssuedAt);

public sealed record AuditDto(string Action, Guid ActorId, string? Detail, DateTimeOffset At);
