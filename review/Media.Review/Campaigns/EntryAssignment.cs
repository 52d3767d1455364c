using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Media.Platform.Identity.Admin;
using Media.Review.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>How many handed-in entries were given out, in how many assignments, and how many got fewer reviewers than the campaign asks.</summary>
internal sealed record AssignmentSummary(int Entries, int Assignments, int EntriesShortOfReviewers);

/// <summary>
/// Who judges which entry: the handed-in entries of a level in the admin's region go to the campaign's pool for that
/// level (every reviewer when it has none), balanced by open work, matched by subject, never a reviewer from the
/// teacher's school (or, at county level, county); a declined entry goes to the next eligible reviewer who has not had it.
/// </summary>
internal sealed class EntryAssignment(ReviewDbContext db, UserDirectory users, ReviewScope scope, SubmissionWorkflow workflow)
{
    public async Task<Outcome<AssignmentSummary>> AssignLevelAsync(ClaimsPrincipal actor, Guid campaignId, string? level, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return Outcome.NotFound<AssignmentSummary>($"No campaign {campaignId}.");
        }

        if (ReviewLevels.Parse(level) is not { } at || !campaign.Levels.Contains(at))
        {
            return Outcome.Invalid<AssignmentSummary>($"level must be one of the campaign's: {string.Join(", ", campaign.Levels.Select(ReviewLevels.NameOf))}.");
        }

        var region = ReviewScope.RegionOf(actor);
        var submissions = new List<Submission>();
        foreach (var submission in await db.Submissions.Where(s => s.CampaignId == campaignId && s.Level == at && s.State == SubmissionState.Submitted)
            .OrderBy(s => s.SubmittedAt).ToListAsync(cancellationToken))
        {
            if (await scope.CoversAsync(region, submission.SchoolId, cancellationToken))
            {
                submissions.Add(submission);
            }
        }

        if (submissions.Count == 0)
        {
            return Outcome.Refused<AssignmentSummary>(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Nothing to assign.",
                $"No handed-in entries wait for reviewers at {ReviewLevels.NameOf(at)} level in your region.");
        }

        var ids = submissions.Select(s => s.LessonId).Distinct().ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => ids.Contains(l.LessonId)).ToDictionaryAsync(l => l.LessonId, cancellationToken);
        var entries = new List<ReviewRules.Entry>();
        foreach (var submission in submissions)
        {
            entries.Add(await EntryAsync(submission, lessons[submission.LessonId], cancellationToken));
        }

        var reviewers = await EligibleReviewersAsync(campaign, at, cancellationToken);
        var pairs = ReviewRules.Assign(entries, reviewers, campaign.ReviewersPerEntry, at, await LoadAsync(cancellationToken));
        var actorId = actor.UserId()!.Value;
        foreach (var (submissionId, reviewerId) in pairs)
        {
            workflow.Assign(submissionId, reviewerId, at, actorId);
        }

        foreach (var submission in submissions)
        {
            SubmissionWorkflow.StartReview(submission);
        }

        await db.SaveChangesAsync(cancellationToken);
        var entriesShort = entries.Count(e => pairs.Count(p => p.SubmissionId == e.SubmissionId) < campaign.ReviewersPerEntry);
        return Outcome.Done(new AssignmentSummary(entries.Count, pairs.Count, entriesShort));
    }

    /// <summary>The reviewer gives the entry back with a reason; true when another reviewer took it over.</summary>
    public async Task<bool> DeclineAsync(Assignment assignment, string reason, CancellationToken cancellationToken)
    {
        var submission = await db.Submissions.FirstAsync(s => s.Id == assignment.SubmissionId, cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == submission.CampaignId, cancellationToken);
        var lesson = await db.Lessons.AsNoTracking().FirstAsync(l => l.LessonId == submission.LessonId, cancellationToken);
        workflow.Decline(assignment, reason);

        // Anyone who has had the entry at this level (declined or not) is not asked again.
        var had = await db.Assignments.Where(a => a.SubmissionId == submission.Id && a.Level == assignment.Level).Select(a => a.ReviewerId).ToListAsync(cancellationToken);
        var candidates = (await EligibleReviewersAsync(campaign, assignment.Level, cancellationToken)).Where(r => !had.Contains(r.Id)).ToList();
        var entry = await EntryAsync(submission, lesson, cancellationToken);
        var replacement = ReviewRules.Assign([entry], candidates, 1, assignment.Level, await LoadAsync(cancellationToken)).Select(p => p.ReviewerId).FirstOrDefault();
        if (replacement != Guid.Empty)
        {
            workflow.Assign(submission.Id, replacement, assignment.Level, assignment.ReviewerId, "replacing a decline");
        }
        else
        {
            workflow.ShortOfReviewers(submission.Id, assignment.ReviewerId);
        }

        await db.SaveChangesAsync(cancellationToken);
        await workflow.MarkScoredWhenCompleteAsync(submission, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return replacement != Guid.Empty;
    }

    private async Task<ReviewRules.Entry> EntryAsync(Submission submission, LessonMedia lesson, CancellationToken cancellationToken) =>
        new(submission.Id, submission.SchoolId, (await scope.AncestorAsync(submission.SchoolId, OrganisationKind.County, cancellationToken))?.Id, lesson.Subject);

    /// <summary>The campaign's pool for the level (every reviewer, for every subject, when it has no pool), with where each works.</summary>
    private async Task<List<ReviewRules.Reviewer>> EligibleReviewersAsync(Campaign campaign, ReviewLevel level, CancellationToken cancellationToken)
    {
        var pool = await db.Reviewers.AsNoTracking().Where(r => r.CampaignId == campaign.Id).ToListAsync(cancellationToken);
        var reviewers = new List<ReviewRules.Reviewer>();
        foreach (var reviewer in await users.UsersInRoleAsync(Roles.Reviewer, cancellationToken))
        {
            var member = pool.FirstOrDefault(p => p.ReviewerId == reviewer.Id);
            if (pool.Count > 0 && (member is null || (member.Levels.Count > 0 && !member.Levels.Contains(level))))
            {
                continue;
            }

            var county = await scope.AncestorAsync(reviewer.OrganisationId, OrganisationKind.County, cancellationToken);
            reviewers.Add(new ReviewRules.Reviewer(reviewer.Id, reviewer.OrganisationId, county?.Id, member?.Subjects ?? []));
        }

        return reviewers;
    }

    /// <summary>Open work per reviewer (assigned, not yet final, not declined): what balancing evens out.</summary>
    private Task<Dictionary<Guid, int>> LoadAsync(CancellationToken cancellationToken) =>
        db.Assignments.Where(a => !a.Final && a.DeclinedAt == null).GroupBy(a => a.ReviewerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
