using Media.Review.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>
/// The life of a campaign entry: drafted → handed in → in review → scored → on notice → awarded (and handed in at the
/// next level) or not promoted; withdrawn before review. Every change of state and every act on an entry is recorded
/// here, with its audit entry, and nowhere else; endpoints check who may act and whether the request is well formed,
/// then call one of these and save.
/// </summary>
internal sealed class SubmissionWorkflow(ReviewDbContext db, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A teacher may still change or withdraw a submission: no reviewer has it yet and it has won nothing.</summary>
    public static bool OpenForChanges(Submission submission) =>
        submission.State is (SubmissionState.Draft or SubmissionState.Submitted) && submission.Award is null;

    public Submission Draft(Campaign campaign, Guid lessonId, Guid teacherId, Guid? schoolId)
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

    public void HandIn(Submission submission, Guid teacherId)
    {
        submission.State = SubmissionState.Submitted;
        submission.SubmittedAt = Now;
        Record(submission.Id, teacherId, "submitted", $"level {submission.Level}");
    }

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
