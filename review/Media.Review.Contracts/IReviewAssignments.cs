namespace Media.Review.Contracts;

/// <summary>Whether a reviewer has a lesson to review: streaming lets them watch it whatever its access level.</summary>
public interface IReviewAssignments
{
    /// <summary>True while <paramref name="reviewerId"/> holds an assignment (not declined) for an entry of the lesson.</summary>
    Task<bool> IsReviewingAsync(Guid lessonId, Guid reviewerId, CancellationToken cancellationToken);
}
