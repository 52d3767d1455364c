namespace Media.Transcoding.Contracts;

/// <summary>Where a published lesson's renditions are; what streaming serves from.</summary>
public interface IPublishedRenditions
{
    /// <summary>The published set of a lesson, or null when it has none (yet).</summary>
    Task<PublishedRenditions?> FindAsync(Guid lessonId, CancellationToken cancellationToken);
}

/// <param name="LessonId">The lesson.</param>
/// <param name="Prefix">Blob prefix of the set (ends with '/'); every file of the lesson lies under it.</param>
/// <param name="MasterPlaylist">Name of the master playlist within the prefix.</param>
/// <param name="OwnerId">The lesson's teacher.</param>
/// <param name="DurationSeconds">Length of the published video.</param>
/// <param name="OrganisationId">The teacher's organisation (school) when known.</param>
public sealed record PublishedRenditions(Guid LessonId, string Prefix, string MasterPlaylist, Guid OwnerId, double DurationSeconds, Guid? OrganisationId);
