using System.ComponentModel.DataAnnotations;

namespace Media.Transcoding;

/// <summary>Settings under <c>Media:Transcoding</c>: the ladder and the encoder.</summary>
internal sealed class TranscodingOptions
{
    public const string Section = "Media:Transcoding";

    /// <summary>
    /// The ladder, highest first. Each rung is CRF-encoded with a bitrate cap: a static classroom shot needs far
    /// fewer bits than the cap, a busy one never exceeds it. Rungs above the source height are skipped.
    /// </summary>
    [MinLength(1)]
    public LadderRung[] Ladder { get; set; } =
    [
        new() { Height = 1080, MaxBitRateKbps = 4500 },
        new() { Height = 720, MaxBitRateKbps = 2800 },
        new() { Height = 540, MaxBitRateKbps = 1600 },
        new() { Height = 360, MaxBitRateKbps = 900 },
        new() { Height = 240, MaxBitRateKbps = 450 },
    ];

    /// <summary>CRF for every rung (lower is better and bigger); 23 is x264's default.</summary>
    [Range(0, 51)]
    public int Crf { get; set; } = 23;

    /// <summary>libx264 preset: speed against size.</summary>
    [Required]
    public string Preset { get; set; } = "veryfast";

    /// <summary>libx264 (CPU, default) or h264_nvenc (needs an NVIDIA GPU).</summary>
    [Required]
    public string VideoEncoder { get; set; } = "libx264";

    [Range(1, 10)]
    public int SegmentSeconds { get; set; } = 4;

    [Range(32, 320)]
    public int AudioBitRateKbps { get; set; } = 96;

    /// <summary>Seconds between thumbnails of the scrub-preview sprite.</summary>
    [Range(1, 60)]
    public int ThumbnailIntervalSeconds { get; set; } = 10;

    /// <summary>Normalise audio to -16 LUFS (EBU R128, single-pass loudnorm) in the renditions.</summary>
    public bool NormalizeLoudness { get; set; }

    /// <summary>
    /// One attempt per lesson at a time, on every worker: the running attempt holds a lease on the lesson's transcode,
    /// renewed every third of this. A worker killed mid-encode holds it until it runs out; then another takes over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan RunnerLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Chapter suggestions closer together than this are merged.</summary>
    [Range(5, 3600)]
    public int MinChapterSeconds { get; set; } = 120;

    /// <summary>Scene-change score (ffmpeg scdet, 0–100) above which a cut suggests a chapter.</summary>
    [Range(1, 100)]
    public double SceneThreshold { get; set; } = 15;

    /// <summary>A pause in speech at least this long suggests a chapter where speech resumes.</summary>
    [Range(1, 60)]
    public double MinSilenceSeconds { get; set; } = 3;

    /// <summary>Attempts before a lesson is marked failed.</summary>
    [Range(1, 10)]
    public int Attempts { get; set; } = 3;
}

internal sealed class LadderRung
{
    [Range(144, 4320)]
    public int Height { get; set; }

    [Range(100, 50000)]
    public int MaxBitRateKbps { get; set; }
}
