using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Review.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Review.Data;

namespace Media.Review.Campaigns;

/// <summary>
/// Results of a level in the caller's region: the ranking (trimmed means, arbitrated scores, disputes, look-alike
/// videos), the public notice (公示) with appeals, publication by the quota rules (immutable afterwards), awards and
/// certificates, and the audit trail.
/// </summary>
internal static class ResultEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/campaigns/{id:guid}/results", ResultsAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Entries at a level in your region ranked by score, with disputes, arbitrations, look-alike videos and who would go up");
        group.MapPost("/campaigns/{id:guid}/levels/{level}/notice", StartNoticeAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Put your region's provisional results at a level on public notice (公示) until endsAt; teachers may appeal meanwhile");
        group.MapGet("/campaigns/{id:guid}/levels/{level}/notice", NoticeAsync).WithSummary("The public notice of a level: provisional winners with their teacher and school");
        group.MapGet("/campaigns/{id:guid}/appeals", AppealsAsync).RequireAuthorization(ReviewLevels.CampaignAdmin).WithSummary("Appeals from your region");
        group.MapPut("/appeals/{id:guid}", ResolveAppealAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Resolve an appeal with a recorded reason; an upheld appeal may set the entry's score");
        group.MapPost("/campaigns/{id:guid}/levels/{level}/publish", PublishAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Publish your region's results at a level after its notice: winners by the quota rules get the award and go up; published results never change");
        group.MapGet("/certificates/mine", CertificatesAsync).WithSummary("The caller's awards with their continuing-education hours");
        group.MapGet("/submissions/{id:guid}/audit", AuditAsync).RequireAuthorization(ReviewLevels.CampaignAdmin).WithSummary("Who did what to a submission, when");
    }

    /// <summary>Why the standings cannot be put on notice or published yet, or null when they can.</summary>
    private static ProblemHttpResult? NotReady(List<LevelResults.Standing> standings, ReviewLevel level)
    {
        var pending = standings.Sum(s => s.Pending);
        var unsettled = standings.Count(s => s.Disputed && s.Submission.ArbitratedScore is null);
        var detail = standings.Count == 0 ? $"No entries are in review at {ReviewLevels.NameOf(level)} level in your region."
            : pending > 0 ? $"{pending} reviewer score(s) at this level are not final yet."
            : unsettled > 0 ? $"{unsettled} disputed entr{(unsettled == 1 ? "y waits" : "ies wait")} for arbitration."
            : null;
        return detail is null ? null : Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Not ready.", detail);
    }

    internal static async Task<Results<Ok<List<ResultDto>>, ProblemHttpResult>> ResultsAsync(
        Guid id, string? level, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, LevelResults levelResults, UserDirectory users, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null || ReviewLevels.Parse(level) is not { } at)
        {
            return campaign is null ? Problems.NotFound($"No campaign {id}.") : Problems.Validation("level is required (school, county, city, province, ministry).");
        }

        var standings = await levelResults.StandingsAsync(campaign, at, ReviewScope.RegionOf(user), cancellationToken);
        var winners = LevelResults.Winners(campaign, at, standings);
        var results = new List<ResultDto>();
        foreach (var (standing, index) in standings.OrderByDescending(s => s.Score).ThenBy(s => s.Submission.SubmittedAt).Select((s, i) => (s, i)))
        {
            var teacher = await users.FindAsync(standing.Submission.TeacherId, cancellationToken);
            var school = await scope.OrganisationAsync(standing.Submission.SchoolId, cancellationToken);
            results.Add(new ResultDto(
                standing.Submission.Id, standing.Submission.LessonId, standing.Lesson.Title, standing.Submission.TeacherId, teacher?.DisplayName ?? teacher?.UserName, school?.Name,
                standing.Lesson.Subject, standing.Score, standing.Aggregate, standing.Totals.Count, standing.Pending, standing.Disputed, standing.Submission.ArbitratedScore is not null,
                index + 1, winners.Contains(standing.Submission.Id), standing.Lesson.SimilarTo, standing.Lesson.Similarity));
        }

        return TypedResults.Ok(results);
    }

    internal static async Task<Results<Ok<Notice>, ProblemHttpResult>> StartNoticeAsync(
        Guid id, string level, NoticeRequest request, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, LevelResults levelResults, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null || ReviewLevels.Parse(level) is not { } at || !campaign.Levels.Contains(at))
        {
            return campaign is null ? Problems.NotFound($"No campaign {id}.") : Problems.Validation("level must be one of the campaign's.");
        }

        var now = levelResults.Now;
        if (request.EndsAt <= now || request.EndsAt > now.AddDays(30))
        {
            return Problems.Validation("endsAt must lie within the next 30 days.");
        }

        if (!await scope.MayDecideAsync(user, at, cancellationToken))
        {
            return ReviewScope.NotYourLevel();
        }

        var region = ReviewScope.RegionOf(user);
        var standings = await levelResults.StandingsAsync(campaign, at, region, cancellationToken);
        if (NotReady(standings, at) is { } problem)
        {
            return problem;
        }

        if (LevelResults.CurrentNotice(campaign, at, region) is not null)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already on notice.", "These results are already on public notice.");
        }

        var notice = levelResults.PutOnNotice(campaign, at, region, standings, request.EndsAt, user.UserId()!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(notice);
    }

    internal static async Task<Results<Ok<List<NoticeDto>>, ProblemHttpResult>> NoticeAsync(
        Guid id, string level, ReviewDbContext db, ReviewScope scope, LevelResults levelResults, UserDirectory users, TimeProvider time, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null || ReviewLevels.Parse(level) is not { } at)
        {
            return campaign is null ? Problems.NotFound($"No campaign {id}.") : Problems.Validation("level must be one of the campaign's.");
        }

        var notices = new List<NoticeDto>();
        foreach (var notice in campaign.Notices.Where(n => n.Level == ReviewLevels.NameOf(at)))
        {
            var standings = await levelResults.StandingsAsync(campaign, at, notice.Region, cancellationToken);
            var winners = LevelResults.Winners(campaign, at, standings);
            var published = campaign.Published.FirstOrDefault(p => p.Level == notice.Level && p.Region == notice.Region && p.PublishedAt >= notice.StartedAt);
            var listed = published?.Awarded ?? standings.Where(s => winners.Contains(s.Submission.Id)).OrderByDescending(s => s.Score).Select(s => s.Submission.Id).ToList();
            var entries = new List<NoticeEntryDto>();
            foreach (var submissionId in listed)
            {
                var submission = await db.Submissions.AsNoTracking().FirstAsync(s => s.Id == submissionId, cancellationToken);
                var lesson = await db.Lessons.AsNoTracking().FirstAsync(l => l.LessonId == submission.LessonId, cancellationToken);
                var teacher = await users.FindAsync(submission.TeacherId, cancellationToken);
                var school = await scope.OrganisationAsync(submission.SchoolId, cancellationToken);
                entries.Add(new NoticeEntryDto(entries.Count + 1, lesson.Title, lesson.Subject, teacher?.DisplayName ?? teacher?.UserName, school?.Name));
            }

            var regionName = (await scope.OrganisationAsync(notice.Region, cancellationToken))?.Name;
            notices.Add(new NoticeDto(notice.Level, regionName, notice.StartedAt, notice.EndsAt, published is not null, entries));
        }

        return TypedResults.Ok(notices);
    }

    internal static async Task<Results<Ok<List<AdminAppealDto>>, ProblemHttpResult>> AppealsAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, CancellationToken cancellationToken)
    {
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.CampaignId == id).OrderBy(a => a.FiledAt).ToListAsync(cancellationToken);
        var result = new List<AdminAppealDto>();
        foreach (var appeal in appeals)
        {
            var submission = await db.Submissions.AsNoTracking().FirstAsync(s => s.Id == appeal.SubmissionId, cancellationToken);
            if (await scope.CoversAsync(user, submission.SchoolId, cancellationToken))
            {
                var lesson = await db.Lessons.AsNoTracking().FirstAsync(l => l.LessonId == submission.LessonId, cancellationToken);
                result.Add(new AdminAppealDto(AppealDto.Of(appeal), lesson.Title));
            }
        }

        return TypedResults.Ok(result);
    }

    internal static async Task<Results<Ok<AppealDto>, ProblemHttpResult>> ResolveAppealAsync(
        Guid id, AppealDecision request, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, SubmissionWorkflow workflow, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var submission = appeal is null ? null : await db.Submissions.FirstAsync(s => s.Id == appeal.SubmissionId, cancellationToken);
        if (appeal is null || submission is null || !await scope.CoversAsync(user, submission.SchoolId, cancellationToken))
        {
            return Problems.NotFound($"No appeal {id} in your region.");
        }

        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == appeal.CampaignId, cancellationToken);
        var resolution = request.Resolution?.Trim() ?? "";
        var maximum = campaign.Rubric.Sum(c => c.Weight);
        if (resolution.Length is < 2 or > 2000 || request.Score is { } s && (!double.IsFinite(s) || s < 0 || s > maximum) || (!request.Upheld && request.Score is not null))
        {
            return Problems.Validation($"A decision records its reason (2–2000 characters); only an upheld appeal may set a score (0–{maximum}).");
        }

        if (!await scope.MayDecideAsync(user, appeal.Level, cancellationToken))
        {
            return ReviewScope.NotYourLevel();
        }

        if (appeal.Outcome != AppealOutcome.Open || ReviewLevels.IsPublished(campaign, submission.Id, appeal.Level))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already decided.", "Resolved appeals and published results do not change.");
        }

        workflow.ResolveAppeal(appeal, submission, user.UserId()!.Value, request.Upheld, resolution, request.Score);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AppealDto.Of(appeal));
    }

    internal static async Task<Results<Ok<PublishedLevel>, ProblemHttpResult>> PublishAsync(
        Guid id, string level, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, LevelResults levelResults, TimeProvider time, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        if (ReviewLevels.Parse(level) is not { } at || !campaign.Levels.Contains(at))
        {
            return Problems.Validation($"level must be one of the campaign's: {string.Join(", ", campaign.Levels.Select(ReviewLevels.NameOf))}.");
        }

        if (!await scope.MayDecideAsync(user, at, cancellationToken))
        {
            return ReviewScope.NotYourLevel();
        }

        var region = ReviewScope.RegionOf(user);
        var standings = await levelResults.StandingsAsync(campaign, at, region, cancellationToken);
        if (NotReady(standings, at) is { } problem)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var notice = LevelResults.CurrentNotice(campaign, at, region);
        if (notice is null || notice.EndsAt > now)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ReviewLevels.WindowProblem, "Public notice first.",
                notice is null ? "Put the results on public notice (公示) before publishing them." : $"The public notice runs until {notice.EndsAt:u}.");
        }

        var ids = standings.Select(s => s.Submission.Id).ToList();
        var open = await db.Appeals.CountAsync(a => ids.Contains(a.SubmissionId) && a.Level == at && a.Outcome == AppealOutcome.Open, cancellationToken);
        if (open > 0)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Appeals are open.", $"Resolve {open} appeal(s) before publishing.");
        }

        var published = await levelResults.PublishAsync(campaign, at, region, standings, user.UserId()!.Value, cancellationToken);
        return TypedResults.Ok(published);
    }

    internal static async Task<Ok<List<CertificateDto>>> CertificatesAsync(ClaimsPrincipal user, ReviewDbContext db, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.TeacherId == me).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        var campaigns = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return TypedResults.Ok(certificates.Select(c => new CertificateDto(
            c.CampaignId, campaigns.GetValueOrDefault(c.CampaignId), c.LessonId, ReviewRules.AwardName(c.Level), c.Hours, c.IssuedAt)).ToList());
    }

    internal static async Task<Results<Ok<List<AuditDto>>, ProblemHttpResult>> AuditAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, CancellationToken cancellationToken)
    {
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (submission is null || !await scope.CoversAsync(user, submission.SchoolId, cancellationToken))
        {
            return Problems.NotFound($"No submission {id} in your region.");
        }

        return TypedResults.Ok((await db.Audit.AsNoTracking().Where(a => a.SubmissionId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .Select(a => new AuditDto(a.Action, a.ActorId, a.Detail, a.At)).ToList());
    }
}

/// <summary>An entry as its level admin sees it (not blind): the score that counts (arbitrated or aggregate), disputes, look-alikes, and whether it would go up now.</summary>
internal sealed record ResultDto(
    Guid SubmissionId, Guid LessonId, string Title, Guid TeacherId, string? Teacher, string? School, string? Subject,
    double Score, double Aggregate, int Scores, int Pending, bool Disputed, bool Arbitrated, int Rank, bool WouldGoUp, Guid? SimilarTo, double? Similarity);

internal sealed record NoticeRequest(DateTimeOffset EndsAt);

/// <summary>
/// One line of a public notice, numbered within it: no submission id, which reviewers at the next level hold and
/// could match to the teacher and school named here.
/// </summary>
internal sealed record NoticeEntryDto(int Number, string Title, string? Subject, string? Teacher, string? School);

internal sealed record NoticeDto(string Level, string? Region, DateTimeOffset StartedAt, DateTimeOffset EndsAt, bool Published, List<NoticeEntryDto> Entries);

internal sealed record AdminAppealDto(AppealDto Appeal, string Title);

internal sealed record AppealDecision(bool Upheld, string? Resolution, double? Score);

internal sealed record CertificateDto(Guid CampaignId, string? Campaign, Guid LessonId, string Award, double Hours, DateTimeOffset IssuedAt);

internal sealed record AuditDto(string Action, Guid ActorId, string? Detail, DateTimeOffset At);
