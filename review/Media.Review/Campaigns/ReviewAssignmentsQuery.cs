using Media.Review.Contracts;
using Media.Review.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

internal sealed class ReviewAssignmentsQuery(ReviewDbContext db) : IReviewAssignments
{
    private static readonly SubmissionState[] Decided = [SubmissionState.Withdrawn, SubmissionState.NotPromoted, SubmissionState.Awarded];

    public async Task<IReadOnlySet<Guid>> JudgingAsync(Guid reviewerId, CancellationToken cancellationToken) =>
        (await db.Assignments.AsNoTracking()
            .Where(a => a.ReviewerId == reviewerId && a.DeclinedAt == null)
            .Join(db.Submissions.Where(s => !Decided.Contains(s.State)), a => a.SubmissionId, s => s.Id, (_, s) => s.LessonId)
            .Distinct().ToListAsync(cancellationToken)).ToHashSet();
}
