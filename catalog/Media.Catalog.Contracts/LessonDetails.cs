namespace Media.Catalog.Contracts;

/// <summary>
/// A lesson's descriptive fields changed in the catalog (edited, placed in the textbook tree, filled from its title card):
/// modules that keep a copy follow it. <see cref="ChangedAt"/> orders deliveries, which may arrive late or twice.
/// </summary>
public sealed record LessonDetailsChanged(
    Guid LessonId,
    string Title,
    string? Stage,
    string? Grade,
    string? Subject,
    string? Edition,
    string? Volume,
    string? Unit,
    string? Lesson,
    DateTimeOffset ChangedAt);
