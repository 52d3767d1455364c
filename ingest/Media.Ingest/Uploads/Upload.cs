namespace Media.Ingest.Uploads;

/// <summary>One tus upload: bytes arrive in the blob at <see cref="BlobKey"/>, then the file is validated.</summary>
internal sealed class Upload : Media.Platform.Data.ILeasedRow
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? OrganisationId { get; set; }
    public long Length { get; set; }
    public long Offset { get; set; }

    /// <summary>The Upload-Metadata header as the client sent it (echoed on HEAD).</summary>
    public string RawMetadata { get; set; } = string.Empty;

    public Dictionary<string, string> Metadata { get; set; } = [];
    public required string BlobKey { get; set; }
    public UploadState State { get; set; }
    public string? Sha256 { get; set; }
    public string? Error { get; set; }

    /// <summary>What kind of refusal <see cref="Error"/> is (e.g. <c>playlist</c>, <c>too-long</c>), for pages to say in the reader's language.</summary>
    public string? ErrorCode { get; set; }

    public Guid? LessonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The unfinished upload expired and its bytes were deleted.</summary>
    public bool BytesDiscarded { get; set; }

    /// <summary>Who is writing to the upload now (one PATCH on any node, <see cref="Media.Platform.Data.RowLeases"/>), until <see cref="WriterLeaseExpiresAt"/>.</summary>
    public string? WriterLease { get; set; }

    public DateTimeOffset? WriterLeaseExpiresAt { get; set; }
}

internal enum UploadState
{
    Receiving = 0,
    Validating = 1,
    Rejected = 2,
    Accepted = 3,
}

/// <summary>Content already accepted, by SHA-256: a second upload of the same bytes links to the same lesson.</summary>
internal sealed class AcceptedMedia
{
    public required string Sha256 { get; set; }
    public Guid LessonId { get; set; }
    public Guid UploadId { get; set; }
    public DateTimeOffset AcceptedAt { get; set; }
}
