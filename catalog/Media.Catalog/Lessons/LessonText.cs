namespace Media.Catalog.Lessons;

/// <summary>
/// What a lesson says or shows, with times, from one source: a caption track (uploaded, or one day speech
/// recognition) or the text read from its frames. Search finds lessons by it and the player lists it.
/// </summary>
internal sealed class LessonTextTrack
{
    public Guid LessonId { get; set; }

    /// <summary>Which track: <c>captions:{language}</c> or <c>screen</c>; one row per lesson and track.</summary>
    public required string Track { get; set; }

    /// <summary><see cref="LessonTextSources"/>: what kind of text this is.</summary>
    public required string Source { get; set; }

    public string? Label { get; set; }
    public List<TimedLine> Lines { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }

    public static string CaptionsTrack(string language) => $"captions:{language}";

    public const string ScreenTrack = "screen";
}

/// <summary>The kinds of timed text, by their API names.</summary>
internal static class LessonTextSources
{
    /// <summary>Spoken words: caption tracks.</summary>
    public const string Captions = "captions";

    /// <summary>On-screen text: slides, blackboard, screen (板书/课件文字).</summary>
    public const string Screen = "screen";
}

/// <summary>One line of timed text: shown (or spoken) from <paramref name="StartSeconds"/> to <paramref name="EndSeconds"/>.</summary>
internal sealed record TimedLine(double StartSeconds, double EndSeconds, string Text, string Source);
