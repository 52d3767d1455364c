namespace Media.Transcoding.Contracts;

/// <summary>
/// How far a lesson's transcoding has got, read from transcoding's own records. A module that learns of a lesson
/// late (the catalog draft is made by another handler of the same <c>MediaAccepted</c> as the transcode) asks here
/// instead of depending on having heard every event in order.
/// </summary>
public interface ITranscodeProgress
{
    /// <summary>The lesson's transcode, or null when none was queued for it.</summary>
    Task<TranscodeSnapshot?> FindAsync(Guid lessonId, CancellationToken cancellationToken);
}

/// <summary>Where a lesson's transcode stands.</summary>
public enum TranscodeStage
{
    Queued,
    Processing,
    Published,
    Failed,
}

/// <param name="LessonId">The lesson.</param>
/// <param name="Stage">Where its transcode stands.</param>
/// <param name="FailureReason">Why it failed for good, when it did.</param>
/// <param name="SuggestedChapters">Chapter suggestions of the published set (empty before publishing).</param>
public sealed record TranscodeSnapshot(Guid LessonId, TranscodeStage Stage, string? FailureReason, IReadOnlyList<ChapterMark> SuggestedChapters);
