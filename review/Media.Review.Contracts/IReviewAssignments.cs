namespace Media.Review.Contracts;

/// <summary>What a reviewer is judging blind: the catalog hides those lessons from them (page, search, related, favourites).</summary>
public interface IReviewAssignments
{
    /// <summary>The lessons of entries assigned to <paramref name="reviewerId"/> (not declined) that are still being decided.</summary>
    Task<IReadOnlySet<Guid>> JudgingAsync(Guid reviewerId, CancellationToken cancellationToken);
}
