using Media.Review.Contracts;
using Media.Review.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

internal sealed class ReviewAssignmentsQuery(ReviewDbContext db) : IReviewAssignments
{
    public Task<bool> IsReviewingAsync(Guid lessonId, Guid reviewerId, CancellationToken cancellationToken) =>
        db.Assignments.AnyAsync(a => a.ReviewerId == reviewerId && a.DeclinedAt == null
            && db.Submissions.Any(s => s.Id == a.SubmissionId && s.LessonId == lessonId), cancellationToken);
}
