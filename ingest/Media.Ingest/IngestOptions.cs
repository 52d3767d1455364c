using System.ComponentModel.DataAnnotations;

namespace Media.Ingest;

/// <summary>Settings under <c>Media:Ingest</c>: upload limits and the media allow-list.</summary>
internal sealed class IngestOptions
{
    public const string Section = "Media:Ingest";

    /// <summary>Largest accepted upload (tus Tus-Max-Size); larger ones get 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 16L << 30;

    /// <summary>Unfinished uploads one person may hold at once; the next creation gets 429 until one finishes, expires or is cancelled.</summary>
    [Range(1, 10_000)]
    public int MaxOpenUploadsPerUser { get; set; } = 20;

    /// <summary>Bytes one person's unfinished uploads may claim (their Upload-Length) together.</summary>
    [Range(1, long.MaxValue)]
    public long MaxOpenUploadBytesPerUser { get; set; } = 64L << 30;

    /// <summary>Bytes one person's uploads may take, kept ones and unfinished claims together (the Shenzhen plan: 1 TB a person).</summary>
    [Range(1, long.MaxValue)]
    public long MaxStoredBytesPerUser { get; set; } = 1L << 40;

    /// <summary>Bytes the uploads of one school's people may take together; 0 means no limit per school.</summary>
    [Range(0, long.MaxValue)]
    public long MaxStoredBytesPerSchool { get; set; }

    /// <summary>An unfinished upload expires this long after its last activity (tus Upload-Expires).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a writer's hold on an upload lasts without renewal (renewed every third of it while bytes arrive): after
    /// a node dies mid-PATCH, its upload can be resumed on another node once this has passed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WriterLease { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    [Range(16, 16384)]
    public int MaxWidth { get; set; } = 4096;

    [Range(16, 16384)]
    public int MaxHeight { get; set; } = 4096;

    [Range(1, 64)]
    public int MaxStreams { get; set; } = 8;

    /// <summary>Longest any one ffprobe run may take before it is killed and the file refused.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Server folder that the import API may read libraries from (e.g. a mounted share); nothing outside it.
    /// Defaults to <c>{DataPath}/import</c>.
    /// </summary>
    public string? ImportRoot { get; set; }

    /// <summary>Files an import job copies and validates at once.</summary>
    [Range(1, 16)]
    public int ImportParallelism { get; set; } = 2;

    /// <summary>Container names accepted: mp4, mov, mkv, webm, flv, ts, avi, mpeg, wmv.</summary>
    [MinLength(1)]
    public string[] AllowedContainers { get; set; } = ["mp4", "mov", "mkv", "webm", "flv", "ts", "avi", "mpeg", "wmv"];
}
