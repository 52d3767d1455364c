namespace Media.Ingest.Contracts;

/// <summary>
/// A new, validated media file is stored and becomes lesson <see cref="LessonId"/>: the catalog creates the
/// lesson draft and transcoding processes it. Published once per distinct content (duplicates link to the
/// existing lesson), and possibly again after a crash, so handlers are idempotent.
/// </summary>
/// <param name="LessonId">Chosen by ingest so that the upload can report it before any handler runs.</param>
/// <param name="OwnerId">The teacher who uploaded (or imported) the file.</param>
/// <param name="OrganisationId">The owner's organisation (school) when known.</param>
/// <param name="SourceBlobKey">Where the original file is stored.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file.</param>
/// <param name="SizeBytes">Size of the stored file.</param>
/// <param name="Media">What ffprobe found.</param>
/// <param name="Metadata">What the uploader said about the lesson (title, 学段, 学科, 教材版本 …), keyed as in <see cref="LessonMetadataKeys"/>.</param>
public sealed record MediaAccepted(
    Guid LessonId,
    Guid OwnerId,
    Guid? OrganisationId,
    string SourceBlobKey,
    string Sha256,
    long SizeBytes,
    MediaFacts Media,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>The facts of a probed media file that later stages plan with.</summary>
public sealed record MediaFacts(
    string Container,
    double DurationSeconds,
    int Width,
    int Height,
    double FrameRate,
    string VideoCodec,
    string? AudioCodec,
    long BitRate);

/// <summary>Metadata keys understood across modules (tus Upload-Metadata and import manifests use the same names).</summary>
public static class LessonMetadataKeys
{
    public const string FileName = "filename";
    public const string Title = "title";
    public const string Stage = "stage";
    public const string Grade = "grade";
    public const string Subject = "subject";
    public const string Edition = "edition";
    public const string Volume = "volume";
    public const string Unit = "unit";
    public const string Lesson = "lesson";
    public const string Teacher = "teacher";
    public const string TeacherTitle = "teacherTitle";
    public const string School = "school";
    public const string Region = "region";
    public const string Year = "year";
    public const string Description = "description";

    public static IReadOnlyList<string> All { get; } =
        [FileName, Title, Stage, Grade, Subject, Edition, Volume, Unit, Lesson, Teacher, TeacherTitle, School, Region, Year, Description];
}
