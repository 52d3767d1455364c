using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>A teacher's material for a submission (教学设计, 课件 …), stored as a blob.</summary>
internal sealed class SubmissionDocument
{
    public Guid Id { get; set; }
    public Guid SubmissionId { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string BlobKey { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
