namespace Media.Transcoding.Contracts;

/// <summary>
/// The text shown in a published lesson (slides, blackboard, screen) was read from its frames: each line with the
/// time it appears and disappears. Published again when the reading is repeated; an empty list means none was found.
/// <paramref name="Card"/>: what the lesson's opening title card (片头) says, when it has one.
/// </summary>
public sealed record LessonScreenTextRead(Guid LessonId, IReadOnlyList<ScreenTextLine> Lines, TitleCard? Card = null);

/// <summary>
/// The fields a 一师一优课 title card shows (课题, 学段/年级, 学科, 教材版本, 册, 学校, 教师), as read; null where the card says nothing.
/// </summary>
public sealed record TitleCard(
    string? Title, string? Stage, string? Grade, string? Subject, string? Edition, string? Volume, string? School, string? Teacher);

/// <summary>A line of on-screen text, shown from <paramref name="StartSeconds"/> to <paramref name="EndSeconds"/>.</summary>
public sealed record ScreenTextLine(double StartSeconds, double EndSeconds, string Text);
