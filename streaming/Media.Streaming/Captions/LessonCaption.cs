namespace Media.Streaming.Captions;

/// <summary>A caption file of a lesson in one language, stored as WebVTT.</summary>
internal sealed class LessonCaption
{
    public Guid LessonId { get; set; }
    public required string Language { get; set; }
    public string Label { get; set; } = "";
    public required string BlobKey { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
