using System.ComponentModel.DataAnnotations;

namespace Media.Platform.Tools;

/// <summary>Settings under <c>Media:Ffmpeg</c>.</summary>
public sealed class FfmpegOptions
{
    public const string Section = "Media:Ffmpeg";

    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [Required]
    public string FfprobePath { get; set; } = "ffprobe";
}
