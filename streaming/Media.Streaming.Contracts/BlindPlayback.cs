namespace Media.Streaming.Contracts;

/// <summary>
/// Playback links that do not name the lesson: a reviewer scoring blind watches an entry through one, whatever the
/// lesson's access level, without learning the lesson id that the catalog would resolve to a teacher and school.
/// The caller decides who may have one (review: the entry's assigned reviewers).
/// </summary>
public interface IBlindPlayback
{
    /// <summary>A signed, expiring master-playlist URL (root-relative) for the viewer, or null when the lesson has no published video.</summary>
    Task<BlindPlaybackLink?> IssueAsync(Guid lessonId, Guid viewerId, CancellationToken cancellationToken);
}

/// <summary>A root-relative URL (resolve it against the server's address) and when it stops working.</summary>
public sealed record BlindPlaybackLink(string Url, DateTimeOffset ExpiresAt);
