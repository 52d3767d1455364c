using System.Text.Json.Serialization;
using Media.Catalog.Lessons;

namespace Media.Catalog.Search;

/// <summary>What the search index holds for one published lesson.</summary>
internal sealed record LessonDocument(
    Guid Id,
    string Title,
    string? Description,
    string? Teacher,
    string? TeacherTitle,
    string? School,
    string? Region,
    string? Stage,
    string? Grade,
    string? Subject,
    string? Edition,
    string? Volume,
    string? Unit,
    string? Lesson,
    string? AwardLevel,
    int? Year,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> ChapterTitles,
    double DurationSeconds,
    DateTimeOffset PublishedAt,
    int Views,
    int Downloads,
    double Rating,
    int RatingCount,
    IReadOnlyList<string>? Audience = null)
{
    /// <summary>Who may see the lesson (<see cref="Audiences"/>); everyone signed in unless its access level narrows it.</summary>
    public IReadOnlyList<string> Audience { get; init; } = Audience ?? [Audiences.SignedIn];

    /// <summary>False for a catalog entry without video (the generated demo library): shown as 暂无视频, never opened in a player.</summary>
    public bool HasVideo { get; init; } = true;

    /// <summary>
    /// What the lesson says and shows, with times (captions, on-screen text). Searched, and read back only for the hits of
    /// a page: it is kept apart from the rest of the document, which every result and cache holds.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<TimedLine> Transcript { get; init; } = [];
}

internal enum LessonSort
{
    Relevance,
    Newest,
    MostViewed,
    Rating,
}

/// <summary>
/// A search: keywords (may be empty), exact filters on keyword fields, sort and page. Lessons must match every
/// keyword, unless none does or <paramref name="AnyWord"/> is set: then those matching most rank first. Only lessons
/// whose audience shares a token with <paramref name="Audience"/> are found (every lesson when it is null).
/// </summary>
internal sealed record LessonQuery(
    string? Text,
    IReadOnlyDictionary<string, string> Filters,
    LessonSort Sort = LessonSort.Relevance,
    int Page = 1,
    int PageSize = 20,
    bool WithFacets = true,
    IReadOnlyCollection<Guid>? Exclude = null,
    bool AnyWord = false,
    IReadOnlyCollection<string>? Audience = null);

internal sealed record LessonSearchResult(
    long Total,
    IReadOnlyList<LessonSearchHit> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

/// <param name="Lesson">The lesson as indexed.</param>
/// <param name="Highlight">The title as HTML with the matched words in &lt;em&gt;.</param>
/// <param name="Snippet">A piece of the description (or chapters) around the first match, as HTML.</param>
/// <param name="Score">The engine's relevance score (0 when sorted otherwise).</param>
/// <param name="Moments">Where inside the lesson the words are said or shown, first match first (<see cref="TranscriptMatcher"/>).</param>
internal sealed record LessonSearchHit(LessonDocument Lesson, string Highlight, string? Snippet, double Score, IReadOnlyList<LessonMoment> Moments)
{
    /// <summary>A hit as every engine presents it: the title highlighted, a snippet of description or chapters, the matched moments.</summary>
    public static LessonSearchHit Of(LessonDocument lesson, IReadOnlyList<TimedLine> transcript, IReadOnlyList<string> words, double score)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var body = string.Join(' ', new[] { lesson.Description }.Concat(lesson.ChapterTitles).Where(t => !string.IsNullOrWhiteSpace(t)));
        return new LessonSearchHit(lesson, SearchHighlighter.Highlight(lesson.Title, words), SearchHighlighter.Snippet(body, words), score,
            TranscriptMatcher.Moments(transcript, words));
    }
}

/// <summary>A line of the lesson's timed text that matched the search, as HTML with the matched words in &lt;em&gt;.</summary>
internal sealed record LessonMoment(double StartSeconds, string Source, string Highlight);

internal sealed record FacetCount(string Value, long Count);

internal sealed record TitleSuggestion(Guid Id, string Title);

/// <summary>
/// The shape of what the index holds. Raising it makes both engines start from an empty index (a new folder, a new
/// alias), which the start-up sync then rebuilds from the database, so an index written by an older release is never
/// queried for fields it lacks.
/// </summary>
internal static class LessonIndexSchema
{
    /// <summary>2: audience tokens (who may see each lesson). 3: the taxonomy values each title repeats. 4: timed text (captions, on-screen text). 5: whether a lesson has video.</summary>
    public const int Version = 5;

    public static string Versioned(string name) => $"{name}-v{Version}";
}

/// <summary>The lesson search index: Lucene.NET on disk by default, Elasticsearch when configured.</summary>
internal interface ILessonIndex
{
    /// <summary>Adds or replaces lessons; searches see them when the call returns.</summary>
    Task UpsertAsync(IReadOnlyCollection<LessonDocument> lessons, CancellationToken cancellationToken);

    Task DeleteAsync(Guid lessonId, CancellationToken cancellationToken);

    /// <summary>Replaces the whole index with these lessons; searches see the old index until the new one is complete.</summary>
    Task<long> ReplaceAllAsync(IAsyncEnumerable<LessonDocument> lessons, CancellationToken cancellationToken);

    Task<LessonSearchResult> SearchAsync(LessonQuery query, CancellationToken cancellationToken);

    /// <summary>Titles that start with (or, tolerating one wrong character, nearly start with) the prefix, among lessons the audience may see (all when null).</summary>
    Task<IReadOnlyList<TitleSuggestion>> CompleteAsync(string prefix, int take, IReadOnlyCollection<string>? audience, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}

/// <summary>The keyword fields a search can filter on, and those it counts as facets, by their API names.</summary>
internal static class LessonFields
{
    public const string Stage = "stage";
    public const string Grade = "grade";
    public const string Subject = "subject";
    public const string Edition = "edition";
    public const string Volume = "volume";
    public const string Unit = "unit";
    public const string Lesson = "lesson";
    public const string Award = "award";
    public const string TeacherTitle = "teacherTitle";
    public const string Region = "region";
    public const string School = "school";
    public const string Teacher = "teacher";
    public const string Year = "year";
    public const string Tag = "tag";

    public static readonly IReadOnlyList<string> Facets = [Stage, Grade, Subject, Edition, Award, TeacherTitle, Region, Year];

    public static readonly IReadOnlyList<string> Filters = [Stage, Grade, Subject, Edition, Volume, Unit, Lesson, Award, TeacherTitle, Region, School, Teacher, Year, Tag];

    /// <summary>The values a lesson has for a keyword field (tags may be several).</summary>
    public static IEnumerable<string> ValuesOf(LessonDocument lesson, string field)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        if (field == Tag)
        {
            return lesson.Tags.Where(t => !string.IsNullOrWhiteSpace(t));
        }

        var value = field switch
        {
            Stage => lesson.Stage,
            Grade => lesson.Grade,
            Subject => lesson.Subject,
            Edition => lesson.Edition,
            Volume => lesson.Volume,
            Unit => lesson.Unit,
            Lesson => lesson.Lesson,
            Award => lesson.AwardLevel,
            TeacherTitle => lesson.TeacherTitle,
            Region => lesson.Region,
            School => lesson.School,
            Teacher => lesson.Teacher,
            Year => lesson.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a keyword field."),
        };
        return string.IsNullOrWhiteSpace(value) ? [] : [value];
    }

    /// <summary>The text searched besides the title: people, places, taxonomy names, description, chapters, tags.</summary>
    public static string BodyOf(LessonDocument lesson)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        IEnumerable<string?> parts =
        [
            lesson.Teacher, lesson.TeacherTitle, lesson.School, lesson.Region, lesson.Stage, lesson.Grade, lesson.Subject, lesson.Edition,
            lesson.Volume, lesson.Unit, lesson.Lesson, lesson.AwardLevel, lesson.Description, .. lesson.ChapterTitles, .. lesson.Tags,
        ];
        // A newline keeps bigrams from spanning two fields.
        return string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    /// <summary>The lesson's timed text as one searchable text, a line per line (so that no bigram spans two).</summary>
    public static string InsideOf(LessonDocument lesson)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        return string.Join('\n', lesson.Transcript.Select(line => line.Text));
    }
}
