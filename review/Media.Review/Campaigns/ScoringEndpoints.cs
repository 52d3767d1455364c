using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Review.Data;
using Media.Streaming.Contracts;

namespace Media.Review.Campaigns;

/// <summary>
/// Reviewers and their work: assignment from the expert pool (balanced, subject-matched, never from the teacher's
/// school or, at county level, county), the blind queue, scoring against the rubric, declining (another reviewer
/// takes the entry over) and the level admin's arbitration of disputed entries.
/// </summary>
internal static class ScoringEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/campaigns/{id:guid}/assignments", AssignAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Assign reviewers to every handed-in entry at a level in your region: balanced, subject-matched, never from the teacher's school (or county at county level)");
        group.MapGet("/assignments", QueueAsync).RequireAuthorization(Policies.Reviewer).WithSummary("Your review queue, blind: no teacher, school or region");
        group.MapGet("/assignments/{id:guid}/playback", PlaybackAsync).RequireAuthorization(Policies.Reviewer)
            .WithSummary("A signed, expiring URL of the entry's video that does not name the lesson (root-relative; resolve it against this server)");
        group.MapPut("/assignments/{id:guid}", ScoreAsync).RequireAuthorization(Policies.Reviewer).WithSummary("Save scores per criterion (draft) or submit them (final)");
        group.MapPost("/assignments/{id:guid}/decline", DeclineAsync).RequireAuthorization(Policies.Reviewer)
            .WithSummary("Decline an entry (a conflict of interest, outside your expertise); another eligible reviewer takes it over");
        group.MapPut("/submissions/{id:guid}/arbitration", ArbitrateAsync).RequireAuthorization(ReviewLevels.CampaignAdmin)
            .WithSummary("Settle a disputed entry: the level admin's score, with the reason, replaces the reviewers' aggregate at this level");
    }

    internal static async Task<Results<Ok<AssignmentSummaryDto>, ProblemHttpResult>> AssignAsync(
        Guid id, string? level, ClaimsPrincipal user, EntryAssignment assignment, CancellationToken cancellationToken)
    {
        var assigned = await assignment.AssignLevelAsync(user, id, level, cancellationToken);
        return assigned.Value is { } summary
            ? TypedResults.Ok(new AssignmentSummaryDto(summary.Entries, summary.Assignments, summary.EntriesShortOfReviewers))
            : Problems.For(assigned);
    }

    internal static async Task<Ok<List<BlindEntryDto>>> QueueAsync(ClaimsPrincipal user, ReviewDbContext db, UserDirectory users, ReviewScope scope, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.ReviewerId == me && a.DeclinedAt == null).OrderBy(a => a.AssignedAt).ToListAsync(cancellationToken);
        // Each entry's submission, campaign, lesson and materials in one query apiece; names to take out once per teacher and school.
        var submissionIds = assignments.Select(a => a.SubmissionId).Distinct().ToList();
        var submissions = await db.Submissions.AsNoTracking().Where(s => submissionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var campaignIds = submissions.Values.Select(s => s.CampaignId).Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var lessonIds = submissions.Values.Select(s => s.LessonId).Distinct().ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => lessonIds.Contains(l.LessonId)).ToDictionaryAsync(l => l.LessonId, cancellationToken);
        var documents = (await db.Documents.AsNoTracking().Where(d => submissionIds.Contains(d.SubmissionId)).Select(d => new { d.SubmissionId, d.Kind }).ToListAsync(cancellationToken))
            .ToLookup(d => d.SubmissionId, d => d.Kind);
        var identifying = new Dictionary<(Guid Teacher, Guid? School), List<string?>>();
        var result = new List<BlindEntryDto>(assignments.Count);
        foreach (var assignment in assignments)
        {
            var submission = submissions[assignment.SubmissionId];
            var campaign = campaigns[submission.CampaignId];
            var lesson = lessons[submission.LessonId];
            if (!identifying.TryGetValue((submission.TeacherId, submission.SchoolId), out var names))
            {
                var teacher = await users.FindAsync(submission.TeacherId, cancellationToken);
                var places = (await scope.LineageAsync(submission.SchoolId, cancellationToken)).Select(o => o.Name);
                identifying[(submission.TeacherId, submission.SchoolId)] = names = [teacher?.DisplayName, teacher?.UserName, .. places];
            }

            var title = ReviewRules.BlindTitle(lesson.Title, names);
            var window = campaign.Windows.GetValueOrDefault(ReviewLevels.NameOf(assignment.Level));
            result.Add(new BlindEntryDto(assignment.Id, submission.Id, title, lesson.Stage, lesson.Grade, lesson.Subject, lesson.Edition, lesson.Lesson,
                ReviewLevels.NameOf(assignment.Level), campaign.Rubric, assignment.Scores, assignment.Comment, assignment.Final,
                documents[submission.Id].Select(d => new BlindDocumentDto(d, DocumentKinds.Names[d])).ToList(), campaign.Name, window?.Opens, window?.Closes));
        }

        return TypedResults.Ok(result);
    }

    internal static async Task<Results<Ok<BlindPlaybackLink>, ProblemHttpResult>> PlaybackAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, IBlindPlayback playback, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var lessonId = await db.Assignments.AsNoTracking().Where(a => a.Id == id && a.ReviewerId == me && a.DeclinedAt == null)
            .Join(db.Submissions, a => a.SubmissionId, s => s.Id, (_, s) => (Guid?)s.LessonId).FirstOrDefaultAsync(cancellationToken);
        if (lessonId is null)
        {
            return Problems.NotFound($"No entry {id} in your review queue.");
        }

        return await playback.IssueAsync(lessonId.Value, me, cancellationToken) is { } link
            ? TypedResults.Ok(link)
            : Problems.NotFound("This entry's video is not published yet; try again once it has been processed.");
    }

    internal static async Task<Results<Ok<BlindScoreDto>, ProblemHttpResult>> ScoreAsync(
        Guid id, ScoreRequest request, ClaimsPrincipal user, ReviewDbContext db, SubmissionWorkflow workflow, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var assignment = await db.Assignments.FirstOrDefaultAsync(a => a.Id == id && a.ReviewerId == me && a.DeclinedAt == null, cancellationToken);
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
        if (ReviewLevels.IsPublished(campaign, submission.Id, assignment.Level))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Results published.", "Published results are immutable.");
        }

        if (ReviewLevels.OutsideWindow(campaign, assignment.Level, workflow.Now, "Scoring") is { } closed)
        {
            return closed;
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

        workflow.SaveScores(assignment, submission, scores, request.Comment?.Trim(), request.Final);
        if (request.Final)
        {
            await db.SaveChangesAsync(cancellationToken);
            await workflow.MarkScoredWhenCompleteAsync(submission, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new BlindScoreDto(assignment.Id, assignment.Scores, assignment.Scores.Values.Sum(), assignment.Final));
    }

    internal static async Task<Results<Ok<DeclinedDto>, ProblemHttpResult>> DeclineAsync(
        Guid id, DeclineRequest request, ClaimsPrincipal user, ReviewDbContext db, EntryAssignment entries, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var assignment = await db.Assignments.FirstOrDefaultAsync(a => a.Id == id && a.ReviewerId == me && a.DeclinedAt == null, cancellationToken);
        if (assignment is null)
        {
            return Problems.NotFound($"No assignment {id} of yours.");
        }

        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is < 2 or > 1000)
        {
            return Problems.Validation("Say why you decline (2–1000 characters): a conflict of interest, outside your subject …");
        }

        if (assignment.Final)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already scored.", "An entry you have scored cannot be declined.");
        }

        var replaced = await entries.DeclineAsync(assignment, reason, cancellationToken);
        return TypedResults.Ok(new DeclinedDto(replaced));
    }

    internal static async Task<Results<Ok<ArbitratedDto>, ProblemHttpResult>> ArbitrateAsync(
        Guid id, ArbitrationRequest request, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, SubmissionWorkflow workflow, CancellationToken cancellationToken)
    {
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (submission is null || !await scope.CoversAsync(user, submission.SchoolId, cancellationToken))
        {
            return Problems.NotFound($"No submission {id} in your region.");
        }

        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == submission.CampaignId, cancellationToken);
        var maximum = campaign.Rubric.Sum(c => c.Weight);
        var reason = request.Reason?.Trim() ?? "";
        if (!double.IsFinite(request.Score) || request.Score < 0 || request.Score > maximum || reason.Length is < 2 or > 2000)
        {
            return Problems.Validation($"An arbitration gives a score of 0–{maximum} and its reason (2–2000 characters).");
        }

        if (!await scope.MayDecideAsync(user, submission.Level, cancellationToken))
        {
            return ReviewScope.NotYourLevel();
        }

        if (ReviewLevels.IsPublished(campaign, id, submission.Level) || submission.State is not (SubmissionState.InReview or SubmissionState.Scored))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Not in review.", "Only entries in review at their level can be arbitrated; published results are immutable.");
        }

        var totals = await db.Assignments.AsNoTracking().Where(a => a.SubmissionId == id && a.Level == submission.Level && a.Final && a.DeclinedAt == null)
            .Select(a => a.Scores).ToListAsync(cancellationToken);
        var (aggregate, disputed) = ReviewRules.Aggregate(totals.Select(s => s.Values.Sum()).ToList(), campaign.DisagreementThreshold);
        if (!disputed)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Not disputed.", "Arbitration settles entries whose reviewers disagree beyond the campaign's threshold.");
        }

        workflow.Arbitrate(submission, user.UserId()!.Value, aggregate, request.Score, reason);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ArbitratedDto(submission.Id, aggregate, submission.ArbitratedScore!.Value, reason));
    }
}

internal sealed record AssignmentSummaryDto(int Entries, int Assignments, int EntriesShortOfReviewers);

internal sealed record BlindDocumentDto(string Kind, string Name);

/// <summary>
/// What a reviewer sees: the lesson, its materials and its place in the textbook, never the teacher, school or region —
/// nor the lesson id, which the catalog would resolve to them (the video plays through <c>/assignments/{id}/playback</c>).
/// <paramref name="Opens"/> and <paramref name="Closes"/>: the level's scoring window (null where open), so the queue shows deadlines.
/// </summary>
internal sealed record BlindEntryDto(
    Guid AssignmentId, Guid SubmissionId, string Title, string? Stage, string? Grade, string? Subject, string? Edition, string? Lesson,
    string Level, List<Criterion> Rubric, Dictionary<string, double> Scores, string? Comment, bool Final, List<BlindDocumentDto> Documents,
    string Campaign, DateTimeOffset? Opens, DateTimeOffset? Closes);

internal sealed record ScoreRequest(Dictionary<string, double>? Scores, string? Comment, bool Final);

internal sealed record BlindScoreDto(Guid AssignmentId, Dictionary<string, double> Scores, double Total, bool Final);

internal sealed record DeclineRequest(string? Reason);

internal sealed record DeclinedDto(bool Reassigned);

internal sealed record ArbitrationRequest(double Score, string? Reason);

internal sealed record ArbitratedDto(Guid SubmissionId, double Aggregate, double Score, string Reason);
