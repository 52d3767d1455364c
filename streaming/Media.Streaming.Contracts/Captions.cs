namespace Media.Streaming.Contracts;

/// <summary>
/// A lesson's caption track for a language was uploaded, replaced or (with no cues) removed. The catalog indexes its
/// text with the times, so that search finds what is said in a lesson.
/// </summary>
public sealed record LessonCaptionsChanged(Guid LessonId, string Language, string Label, IReadOnlyList<CaptionCue> Cues);

/// <summary>One caption: its text as plain words (no markup), shown from <paramref name="StartSeconds"/> to <paramref name="EndSeconds"/>.</summary>
public sealed record CaptionCue(double StartSeconds, double EndSeconds, string Text);
