using Media.Transcoding.Contracts;

namespace Media.Transcoding.Recognition;

/// <summary>The reading of a published lesson's on-screen text: its state, progress and the lines found.</summary>
internal sealed class LessonScreenText : Media.Platform.Data.ILeasedRow
{
    public Guid LessonId { get; set; }
    public ScreenTextState State { get; set; }
    public double Percent { get; set; }
    public int FramesRead { get; set; }
    public string? Engine { get; set; }
    public List<ScreenTextLine> Lines { get; set; } = [];
    public string? Error { get; set; }

    /// <summary>What the opening title card says, when the first seconds show one.</summary>
    public TitleCard? Card { get; set; }

    /// <summary>How long the last complete reading took (to compare with the transcode).</summary>
    public double? Seconds { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The reading running now (one at a time on every worker, <see cref="Media.Platform.Data.RowLeases"/>), until <see cref="WriterLeaseExpiresAt"/>.</summary>
    public string? WriterLease { get; set; }

    public DateTimeOffset? WriterLeaseExpiresAt { get; set; }
}

internal enum ScreenTextState
{
    Queued,
    Running,
    Done,
    Failed,

    /// <summary>No OCR engine here (turned off, or tesseract is not installed): nothing was read.</summary>
    Unavailable,
}
