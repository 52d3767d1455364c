namespace Media.Transcoding.Contracts;

/// <summary>
/// The text shown in a published lesson (slides, blackboard, screen) was read from its frames: each line with the
/// time it appears and disappears. Published again when the reading is repeated; an empty list means none was found.
/// </summary>
public sealed record LessonScreenTextRead(Guid LessonId, IReadOnlyList<ScreenTextLine> Lines);

/// <summary>A line of on-screen text, shown from <paramref name="StartSeconds"/> to <paramref name="EndSeconds"/>.</summary>
public sealed record ScreenTextLine(double StartSeconds, double EndSeconds, string Text);
