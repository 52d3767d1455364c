using System.Globalization;
using System.Security.Claims;
using System.Text;
using Media.Ingest.Contracts;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Review.Data;

namespace Media.Review.Campaigns;

/// <summary>
/// What administrators watch over a campaign in their region: counts per level, region and subject (the
/// "省级优课 N / 市级优课 M" view), reviewer progress, the distribution of scores, a CSV of every entry, and
/// participation targets with progress against them.
/// </summary>
internal static class StatisticsEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/campaigns/{id:guid}/statistics", StatisticsAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Entries and awards per level, region and subject, reviewer progress and the score distribution at a level, for your region");
        group.MapGet("/campaigns/{id:guid}/statistics.csv", CsvAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Every entry in your region as CSV (UTF-8 with BOM, opens in Excel/WPS): lesson, teacher, school, county, city, subject, level, state, score, award");
        group.MapPut("/campaigns/{id:guid}/targets", SetTargetsAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Set participation targets for regions or schools in your region: a number of submissions and/or a share of teachers (both null removes)");
        group.MapGet("/campaigns/{id:guid}/targets", TargetsAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Participation targets in your region with progress: handed-in submissions, teachers taking part, met or not");
    }

    /// <summary>An entry with where it comes from, for counting.</summary>
    private sealed record Row(Submission Submission, LessonMedia Lesson, string? School, string? County, string? City);

    private static async Task<List<Row>> RowsAsync(Guid campaignId, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, CancellationToken cancellationToken)
    {
        var submissions = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == campaignId && s.State != SubmissionState.Withdrawn).ToListAsync(cancellationToken);
        var lessonIds = submissions.Select(s => s.LessonId).ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => lessonIds.Contains(l.LessonId)).ToDictionaryAsync(l => l.LessonId, cancellationToken);
        var rows = new List<Row>();
        foreach (var submission in submissions)
        {
            if (await scope.CoversAsync(user, submission.SchoolId, cancellationToken))
            {
                var lineage = await scope.LineageAsync(submission.SchoolId, cancellationToken);
                string? Name(OrganisationKind kind) => lineage.FirstOrDefault(o => o.Kind == kind)?.Name;
                rows.Add(new Row(submission, lessons[submission.LessonId], Name(OrganisationKind.School), Name(OrganisationKind.County), Name(OrganisationKind.City)));
            }
        }

        return rows;
    }

    internal static async Task<Results<Ok<StatisticsDto>, ProblemHttpResult>> StatisticsAsync(
        Guid id, string? level, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, UserDirectory users, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        var at = level is null ? campaign.Levels[0] : ReviewLevels.Parse(level) ?? (ReviewLevel)(-1);
        if (!campaign.Levels.Contains(at))
        {
            return Problems.Validation("level must be one of the campaign's.");
        }

        var rows = await RowsAsync(id, user, db, scope, cancellationToken);
        var handedIn = rows.Where(r => r.Submission.State != SubmissionState.Draft).ToList();
        var levels = campaign.Levels.Select(l => new LevelCountDto(
            ReviewLevels.NameOf(l), ReviewRules.AwardName(l),
            handedIn.Count(r => r.Submission.Level == l || (r.Submission.Award is { } a && a >= l)),
            handedIn.Count(r => r.Submission.Level == l && r.Submission.State is SubmissionState.InReview or SubmissionState.Scored),
            handedIn.Count(r => r.Submission.Award is { } a && a >= l))).ToList();

        // Regions one step below the caller's: cities for the province, counties for a city, schools for a county.
        var region = ReviewScope.RegionOf(user);
        var own = await scope.OrganisationAsync(region, cancellationToken);
        Func<Row, string?> regionOf = own?.Kind switch
        {
            OrganisationKind.City => row => row.County,
            OrganisationKind.County or OrganisationKind.School => row => row.School,
            _ => row => row.City,
        };
        var byRegion = handedIn.GroupBy(r => regionOf(r) ?? "—").OrderByDescending(g => g.Count()).Select(g => new GroupCountDto(g.Key, g.Count(), Awards(g))).ToList();
        var bySubject = handedIn.GroupBy(r => r.Lesson.Subject ?? "—").OrderByDescending(g => g.Count()).Select(g => new GroupCountDto(g.Key, g.Count(), Awards(g))).ToList();

        var ids = rows.Select(r => r.Submission.Id).ToList();
        var assignments = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.SubmissionId)).ToListAsync(cancellationToken);
        var reviewers = new List<ReviewerProgressDto>();
        foreach (var group in assignments.GroupBy(a => a.ReviewerId))
        {
            var reviewer = await users.FindAsync(group.Key, cancellationToken);
            reviewers.Add(new ReviewerProgressDto(group.Key, reviewer?.DisplayName ?? reviewer?.UserName, group.Count(a => a.DeclinedAt == null),
                group.Count(a => a.Final), group.Count(a => a.DeclinedAt != null)));
        }

        // The distribution of final totals given at the level, in tenths of the rubric's maximum.
        var maximum = campaign.Rubric.Sum(c => c.Weight);
        var totals = assignments.Where(a => a.Level == at && a.Final).Select(a => a.Scores.Values.Sum()).ToList();
        var bins = Enumerable.Range(0, 10).Select(i => new ScoreBinDto(maximum * i / 10.0, maximum * (i + 1) / 10.0,
            totals.Count(t => t >= maximum * i / 10.0 && (i == 9 ? t <= maximum : t < maximum * (i + 1) / 10.0)))).ToList();
        return TypedResults.Ok(new StatisticsDto(rows.Count(r => r.Submission.State == SubmissionState.Draft), handedIn.Count, levels, byRegion, bySubject,
            reviewers.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(), ReviewLevels.NameOf(at), bins, totals.Count == 0 ? null : Math.Round(totals.Average(), 2)));

        Dictionary<string, int> Awards(IEnumerable<Row> group) => campaign.Levels.ToDictionary(
            ReviewRules.AwardName, l => group.Count(r => r.Submission.Award is { } a && a >= l));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, UserDirectory users, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        var rows = await RowsAsync(id, user, db, scope, cancellationToken);
        var ids = rows.Select(r => r.Submission.Id).ToList();
        var finals = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.SubmissionId) && a.Final && a.DeclinedAt == null).ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append("submission,lesson,title,teacher,school,county,city,stage,grade,subject,edition,level,state,reviews,score,award,similar_to\r\n");
        foreach (var row in rows.OrderBy(r => r.City, StringComparer.Ordinal).ThenBy(r => r.County, StringComparer.Ordinal).ThenBy(r => r.Submission.SubmittedAt))
        {
            var totals = finals.Where(a => a.SubmissionId == row.Submission.Id && a.Level == row.Submission.Level).Select(a => a.Scores.Values.Sum()).ToList();
            var score = row.Submission.ArbitratedScore ?? (totals.Count > 0 ? ReviewRules.Aggregate(totals, campaign.DisagreementThreshold).Score : (double?)null);
            var teacher = await users.FindAsync(row.Submission.TeacherId, cancellationToken);
            string?[] fields =
            [
                row.Submission.Id.ToString(), row.Submission.LessonId.ToString(), row.Lesson.Title, teacher?.DisplayName ?? teacher?.UserName, row.School, row.County, row.City,
                row.Lesson.Stage, row.Lesson.Grade, row.Lesson.Subject, row.Lesson.Edition, ReviewLevels.NameOf(row.Submission.Level),
                row.Submission.State.ToString().ToLowerInvariant(), totals.Count.ToString(CultureInfo.InvariantCulture),
                score?.ToString("0.##", CultureInfo.InvariantCulture), row.Submission.Award is { } award ? ReviewRules.AwardName(award) : null, row.Lesson.SimilarTo?.ToString(),
            ];
            csv.Append(string.Join(',', fields.Select(CsvRows.Escape))).Append("\r\n");
        }

        return TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", $"review-{campaign.Year}-{id:N}.csv");
    }

    internal static async Task<Results<Ok<List<TargetProgressDto>>, ProblemHttpResult>> SetTargetsAsync(
        Guid id, List<TargetRequest> request, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, UserDirectory users, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        foreach (var target in request ?? [])
        {
            if (target.Submissions is < 1 or > 1_000_000 || target.TeacherShare is <= 0 or > 1)
            {
                return Problems.Validation("submissions is at least 1 and teacherShare in (0, 1].");
            }

            var lineage = await scope.LineageAsync(target.OrganisationId, cancellationToken);
            if (lineage.Count == 0 || lineage[0].Kind == OrganisationKind.Class || !await scope.CoversAsync(ReviewScope.RegionOf(user), target.OrganisationId, cancellationToken))
            {
                return Problems.Validation($"{target.OrganisationId} is not a region or school in your region.");
            }
        }

        foreach (var target in request ?? [])
        {
            var existing = await db.Targets.FirstOrDefaultAsync(t => t.CampaignId == id && t.OrganisationId == target.OrganisationId, cancellationToken);
            if (target.Submissions is null && target.TeacherShare is null)
            {
                if (existing is not null)
                {
                    db.Targets.Remove(existing);
                }

                continue;
            }

            existing ??= db.Targets.Add(new ParticipationTarget { CampaignId = id, OrganisationId = target.OrganisationId }).Entity;
            existing.Submissions = target.Submissions;
            existing.TeacherShare = target.TeacherShare;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ProgressAsync(id, user, db, scope, users, cancellationToken));
    }

    internal static async Task<Ok<List<TargetProgressDto>>> TargetsAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ProgressAsync(id, user, db, scope, users, cancellationToken));

    private static async Task<List<TargetProgressDto>> ProgressAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, UserDirectory users, CancellationToken cancellationToken)
    {
        var targets = await db.Targets.AsNoTracking().Where(t => t.CampaignId == id).ToListAsync(cancellationToken);
        var handedIn = await db.Submissions.AsNoTracking()
            .Where(s => s.CampaignId == id && s.State != SubmissionState.Withdrawn && s.State != SubmissionState.Draft).ToListAsync(cancellationToken);
        var teachers = await users.UsersInRoleAsync(Roles.Teacher, cancellationToken);
        var result = new List<TargetProgressDto>();
        foreach (var target in targets)
        {
            if (!await scope.CoversAsync(ReviewScope.RegionOf(user), target.OrganisationId, cancellationToken))
            {
                continue;
            }

            var within = new List<Submission>();
            foreach (var submission in handedIn)
            {
                if (await scope.CoversAsync(target.OrganisationId, submission.SchoolId, cancellationToken))
                {
                    within.Add(submission);
                }
            }

            var teachersThere = 0;
            foreach (var teacher in teachers)
            {
                if (await scope.CoversAsync(target.OrganisationId, teacher.OrganisationId, cancellationToken))
                {
                    teachersThere++;
                }
            }

            var taking = within.Select(s => s.TeacherId).Distinct().Count();
            var share = teachersThere == 0 ? 0 : Math.Round((double)taking / teachersThere, 3);
            var met = (target.Submissions is not { } count || within.Count >= count) && (target.TeacherShare is not { } wanted || share >= wanted);
            var organisation = (await scope.LineageAsync(target.OrganisationId, cancellationToken))[0];
            result.Add(new TargetProgressDto(target.OrganisationId, organisation.Name, target.Submissions, target.TeacherShare, within.Count, teachersThere, taking, share, met));
        }

        return result.OrderBy(t => t.Organisation, StringComparer.Ordinal).ToList();
    }
}

internal sealed record LevelCountDto(string Level, string Award, int Entries, int InReview, int Awarded);

internal sealed record GroupCountDto(string Name, int Entries, Dictionary<string, int> Awards);

internal sealed record ReviewerProgressDto(Guid ReviewerId, string? Name, int Assigned, int Final, int Declined);

internal sealed record ScoreBinDto(double From, double To, int Count);

internal sealed record StatisticsDto(
    int Drafts, int HandedIn, List<LevelCountDto> Levels, List<GroupCountDto> ByRegion, List<GroupCountDto> BySubject,
    List<ReviewerProgressDto> Reviewers, string ScoreLevel, List<ScoreBinDto> Scores, double? MeanScore);

internal sealed record TargetRequest(Guid OrganisationId, int? Submissions, double? TeacherShare);

internal sealed record TargetProgressDto(
    Guid OrganisationId, string Organisation, int? TargetSubmissions, double? TargetTeacherShare, int Submissions, int Teachers, int TeachersTakingPart, double TeacherShare, bool Met);
