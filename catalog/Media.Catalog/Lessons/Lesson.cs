namespace Media.Catalog.Lessons;

/// <summary>A lesson video in the catalog, placed in the textbook taxonomy.</summary>
internal sealed class Lesson
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public LessonStatus Status { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? OrganisationId { get; set; }

    public string? Stage { get; set; }
    public string? Grade { get; set; }
    public string? Subject { get; set; }
    public string? Edition { get; set; }
    public string? Volume { get; set; }
    public string? Unit { get; set; }
    public string? LessonName { get; set; }
    public string? Teacher { get; set; }
    public string? TeacherTitle { get; set; }
    public string? School { get; set; }
    public string? Region { get; set; }
    public int? Year { get; set; }
    public string? Description { get; set; }

    /// <summary>校级/县级/市级/省级/部级优课, set when a campaign awards the lesson.</summary>
    public string? AwardLevel { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Who may watch it, as streaming decides (public, signed-in, school, region, reviewers); the catalog shows it to the same people.</summary>
    public string Access { get; set; } = "signed-in";

    /// <summary>The organisation a school or region access level refers to: the teacher's school or city.</summary>
    public Guid? AccessScope { get; set; }

    /// <summary>The taxonomy node (课 or 单元) the lesson is attached to; the names above are copied from its path.</summary>
    public Guid? TaxonomyNodeId { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Copied from streaming's totals (one view per viewer per day) for display and sorting.</summary>
    public int Views { get; set; }

    public int Downloads { get; set; }

    public int RatingCount { get; set; }

    public int RatingSum { get; set; }

    public double AverageRating => RatingCount == 0 ? 0 : Math.Round((double)RatingSum / RatingCount, 2);

    public required string SourceBlobKey { get; set; }

    /// <summary>A published lesson with video to play; false for a catalog entry without video (the generated demo library) and for one not yet published.</summary>
    public bool HasVideo => Status == LessonStatus.Published && !SourceBlobKey.StartsWith(Demo.DemoLibrary.SourceKeyPrefix, StringComparison.Ordinal);
    public required string Sha256 { get; set; }
    public long SizeBytes { get; set; }
    public double DurationSeconds { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Chapters: suggested by transcoding until the teacher edits them.</summary>
    public List<Media.Transcoding.Contracts.ChapterMark> Chapters { get; set; } = [];

    public bool ChaptersEdited { get; set; }

    /// <summary>The title is the uploaded file's name, not one the teacher gave: the title card may replace it.</summary>
    public bool TitleFromFileName { get; set; }

    /// <summary>What the lesson's opening title card says (read from the video), for the teacher to confirm.</summary>
    public Media.Transcoding.Contracts.TitleCard? TitleCard { get; set; }

    /// <summary>For a clip (知识点 segment): the lesson it was cut from and where.</summary>
    public Guid? ParentLessonId { get; set; }

    public double? ClipStartSeconds { get; set; }

    public double? ClipEndSeconds { get; set; }

    /// <summary>Why transcoding failed, when it did.</summary>
    public string? ProcessingError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal enum LessonStatus
{
    Draft = 0,
    Processing = 1,
    Published = 2,
    Failed = 3,
}
