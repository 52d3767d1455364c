using Hangfire;
using Media.Platform.Errors;
using Media.Platform.Identity.Admin;
using Media.Review.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>A handed-in entry with its campaign and materials, as checked.</summary>
internal sealed record HandedIn(Submission Submission, Campaign Campaign, List<SubmissionDocument> Documents);

/// <summary>
/// The life of a campaign entry: drafted → handed in → in review → scored → on notice → awarded (and handed in at the
/// next level) or not promoted; withdrawn before review. Every change of state and every act on an entry is recorded
/// here, with its audit entry, and nowhere else. Entering and handing in check their own rules and save; for the later
/// steps the endpoints check who may act and whether the request is well formed, then call one of these and save.
/// </summary>
internal sealed class SubmissionWorkflow(ReviewDbContext db, IBackgroundJobClient jobs, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A teacher may still change or withdraw a submission: no reviewer has it yet and it has won nothing.</summary>
    public static bool OpenForChanges(Submission submission) =>
        submission.State is (SubmissionState.Draft or SubmissionState.Submitted) && submission.Award is null;

    /// <summary>
    /// Enters the teacher's own lesson into the campaign as a draft at its first level, while that level takes entries:
    /// once per lesson, and only a video that meets the campaign's technical standard. Its fingerprint is computed next.
    /// </summary>
    public async Task<Outcome<Submission>> EnterAsync(Campaign campaign, Guid lessonId, Guid teacherId, Guid? schoolId, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.LessonId == lessonId, cancellationToken);
        if (lesson is null || lesson.OwnerId != teacherId)
        {
            return Outcome.NotFound<Submission>($"No lesson {lessonId} of yours.");
        }

        if (ReviewLevels.Closed<Submission>(campaign, campaign.Levels[0], Now, "Submissions") is { } closed)
        {
            return closed;
        }

        var failures = ReviewRules.Check(lesson, campaign.Standard);
        if (failures.Count > 0)
        {
            return Outcome.Refused<Submission>(StatusCodes.Status422UnprocessableEntity, ReviewLevels.TechnicalProblem,
                "The lesson does not meet the technical standard.", string.Join(" ", failures));
        }

        if (await db.Submissions.AnyAsync(s => s.CampaignId == campaign.Id && s.LessonId == lessonId && s.State != SubmissionState.Withdrawn, cancellationToken))
        {
            return Outcome.Refused<Submission>(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already submitted.", "A lesson is submitted to a campaign once.");
        }

        // A withdrawn entry of the same lesson makes way for the new one.
        await db.Submissions.Where(s => s.CampaignId == campaign.Id && s.LessonId == lessonId).ExecuteDeleteAsync(cancellationToken);
        var submission = Draft(campaign, lessonId, teacherId, schoolId);
        await db.SaveChangesAsync(cancellationToken);
        if (lesson.Fingerprint is null && lesson.SourceBlobKey is not null)
        {
            jobs.Enqueue<FingerprintJob>(job => job.RunAsync(lesson.LessonId, CancellationToken.None));
        }

        return Outcome.Done(submission);
    }

    /// <summary>Hands the teacher's draft in while its level takes entries and once every required material is there.</summary>
    public async Task<Outcome<HandedIn>> HandInAsync(Guid submissionId, Guid teacherId, CancellationToken cancellationToken)
    {
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == submissionId && s.TeacherId == teacherId, cancellationToken);
        if (submission is null)
        {
            return Outcome.NotFound<HandedIn>($"No submission {submissionId} of yours.");
        }

        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == submission.CampaignId, cancellationToken);
        if (submission.State != SubmissionState.Draft)
        {
            return Outcome.Refused<HandedIn>(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already handed in.", $"The submission is {submission.State.ToString().ToLowerInvariant()}.");
        }

        if (ReviewLevels.Closed<HandedIn>(campaign, submission.Level, Now, "Submissions") is { } closed)
        {
            return closed;
        }

        var documents = await db.Documents.AsNoTracking().Where(d => d.SubmissionId == submissionId).ToListAsync(cancellationToken);
        var missing = Missing(campaign, documents);
        if (missing.Count > 0)
        {
            return Outcome.Refused<HandedIn>(StatusCodes.Status422UnprocessableEntity, ProblemTypes.Validation, "Materials are missing.",
                $"Add {string.Join("、", missing.Select(m => DocumentKinds.Names[m]))} before handing in.");
        }

        submission.State = SubmissionState.Submitted;
        submission.SubmittedAt = Now;
        Record(submission.Id, teacherId, "submitted", $"level {submission.Level}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(new HandedIn(submission, campaign, documents));
    }

    /// <summary>The materials the campaign requires that the entry does not have yet.</summary>
    public static List<string> Missing(Campaign campaign, IEnumerable<SubmissionDocument> documents) =>
        campaign.RequiredDocuments.Except(documents.Select(d => d.Kind)).ToList();

    private Submission Draft(Campaign campaign, Guid lessonId, Guid teacherId, Guid? schoolId)
    {
        var submission = new Submission
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, LessonId = lessonId, TeacherId = teacherId, SchoolId = schoolId,
            Level = campaign.Levels[0], State = SubmissionState.Draft, SubmittedAt = Now,
        };
        db.Submissions.Add(submission);
        Record(submission.Id, teacherId, "drafted", $"level {submission.Level}");
        return submission;
    }

    public void MaterialStored(Guid submissionId, Guid teacherId, SubmissionDocument document) =>
        Record(submissionId, teacherId, "material", $"{DocumentKinds.Names[document.Kind]} {document.FileName} ({document.SizeBytes} bytes)", document.UploadedAt);

    public void Withdraw(Submission submission, Guid teacherId)
    {
        submission.State = SubmissionState.Withdrawn;
        Record(submission.Id, teacherId, "withdrawn", null);
    }

    public Appeal Appeal(Submission submission, Guid teacherId, string reason)
    {
        var appeal = new Appeal
        {
            Id = Guid.NewGuid(), CampaignId = submission.CampaignId, SubmissionId = submission.Id, Level = submission.Level, TeacherId = teacherId,
            Reason = reason, FiledAt = Now,
        };
        db.Appeals.Add(appeal);
        Record(submission.Id, teacherId, "appealed", reason);
        return appeal;
    }

    /// <summary>Gives the entry to a reviewer at a level; <paramref name="note"/> says why when it is not the first assignment.</summary>
    public void Assign(Guid submissionId, Guid reviewerId, ReviewLevel level, Guid actorId, string? note = null)
    {
        db.Assignments.Add(new Assignment { Id = Guid.NewGuid(), SubmissionId = submissionId, ReviewerId = reviewerId, Level = level, AssignedAt = Now });
        Record(submissionId, actorId, "assigned", $"reviewer {reviewerId:N} at {level}{(note is null ? "" : $" ({note})")}");
    }

    public static void StartReview(Submission submission) => submission.State = SubmissionState.InReview;

    public void SaveScores(Assignment assignment, Submission submission, Dictionary<string, double> scores, string? comment, bool final)
    {
        assignment.Scores = scores;
        assignment.Comment = comment;
        assignment.Final = final;
        assignment.ScoredAt = Now;
        if (final)
        {
            Record(submission.Id, assignment.ReviewerId, "scored", $"total {scores.Values.Sum()}");
        }
    }

    public void Decline(Assignment assignment, string reason)
    {
        assignment.DeclinedAt = Now;
        assignment.DeclineReason = reason;
        Record(assignment.SubmissionId, assignment.ReviewerId, "declined", reason);
    }

    public void ShortOfReviewers(Guid submissionId, Guid actorId) => Record(submissionId, actorId, "short of reviewers", "no eligible reviewer left to take over");

    /// <summary>Marks the entry scored once every reviewer who still has it at its level has given a final score (saved work only).</summary>
    public async Task MarkScoredWhenCompleteAsync(Submission submission, CancellationToken cancellationToken)
    {
        var current = db.Assignments.Where(a => a.SubmissionId == submission.Id && a.Level == submission.Level && a.DeclinedAt == null);
        if (!await current.AnyAsync(a => !a.Final, cancellationToken) && await current.AnyAsync(a => a.Final, cancellationToken))
        {
            submission.State = SubmissionState.Scored;
        }
    }

    public void Arbitrate(Submission submission, Guid adminId, double aggregate, double score, string reason)
    {
        submission.ArbitratedScore = Math.Round(score, 2);
        submission.ArbitrationReason = reason;
        Record(submission.Id, adminId, "arbitrated", $"{aggregate} → {submission.ArbitratedScore}: {reason}");
    }

    public void PutOnNotice(Guid submissionId, Guid adminId, double score, DateTimeOffset endsAt) =>
        Record(submissionId, adminId, "on notice", $"score {score} until {endsAt:u}");

    public void ResolveAppeal(Appeal appeal, Submission submission, Guid adminId, bool upheld, string resolution, double? score)
    {
        appeal.Outcome = upheld ? AppealOutcome.Upheld : AppealOutcome.Dismissed;
        appeal.Resolution = resolution;
        appeal.ResolvedBy = adminId;
        appeal.ResolvedAt = Now;
        if (score is { } set)
        {
            submission.ArbitratedScore = Math.Round(set, 2);
            submission.ArbitrationReason = resolution;
        }

        Record(submission.Id, adminId, upheld ? "appeal upheld" : "appeal dismissed", score is { } given ? $"score {given}: {resolution}" : resolution);
    }

    /// <summary>The entry won the level: it holds the award and goes up to <paramref name="next"/>, or is finished at the top.</summary>
    public void Award(Submission submission, ReviewLevel level, ReviewLevel? next, Guid adminId, double score)
    {
        submission.Award = level;
        submission.State = next is null ? SubmissionState.Awarded : SubmissionState.Submitted;
        submission.Level = next ?? level;
        if (next is not null)
        {
            submission.ArbitratedScore = null;
            submission.ArbitrationReason = null;
        }

        Record(submission.Id, adminId, "awarded", $"{ReviewRules.AwardName(level)} with {score}");
    }

    public void NotPromoted(Submission submission, ReviewLevel level, Guid adminId, double score)
    {
        submission.State = SubmissionState.NotPromoted;
        Record(submission.Id, adminId, "not promoted", $"at {level} with {score}");
    }

    private void Record(Guid submissionId, Guid actorId, string action, string? detail, DateTimeOffset? at = null) =>
        db.Audit.Add(new AuditEntry { SubmissionId = submissionId, ActorId = actorId, Action = action, Detail = detail, At = at ?? Now });
}
