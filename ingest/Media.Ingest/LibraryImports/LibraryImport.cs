namespace Media.Ingest.LibraryImports;

/// <summary>A bulk import of a lesson library from a folder on the server, run as a job.</summary>
internal sealed class LibraryImport
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? OrganisationId { get; set; }
    public required string Folder { get; set; }
    public ImportState State { get; set; }
    public int Total { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public List<LibraryImportRow> Rows { get; set; } = [];
}

internal sealed class LibraryImportRow
{
    public Guid ImportId { get; set; }
    public int Number { get; set; }
    public required string File { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public ImportRowState State { get; set; }
    public Guid? UploadId { get; set; }
    public Guid? LessonId { get; set; }
    public string? Error { get; set; }
}

internal enum ImportState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
}

internal enum ImportRowState
{
    Pending = 0,
    Accepted = 1,
    Rejected = 2,
    Failed = 3,
    Skipped = 4,
}

/// <summary>A file already imported, by path, size and modification time: importing it again is skipped.</summary>
internal sealed class ImportedFile
{
    public required string Key { get; set; }
    public Guid? LessonId { get; set; }
    public bool Accepted { get; set; }
    public string? Error { get; set; }
}
