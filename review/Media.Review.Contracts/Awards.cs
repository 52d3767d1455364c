namespace Media.Review.Contracts;

/// <summary>
/// A campaign published a level's results and this lesson won that level's award (e.g. 市级优课); when
/// <paramref name="OpenToPublic"/> the campaign's rules open awarded lessons to everyone.
/// </summary>
public sealed record LessonAwarded(Guid LessonId, string AwardLevel, int Year, string Campaign, bool OpenToPublic = false);
