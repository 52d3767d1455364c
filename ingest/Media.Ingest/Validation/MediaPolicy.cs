using System.Globalization;

namespace Media.Ingest.Validation;

/// <summary>Whether a probed file may become a lesson, by the configured limits. Pure: no I/O.</summary>
internal static class MediaPolicy
{
    public static Refusal? Check(ProbeReport report, string container, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.AllowedContainers.Contains(container, StringComparer.OrdinalIgnoreCase))
        {
            return new("container", $"The container '{container}' is not accepted here (allowed: {string.Join(", ", options.AllowedContainers)}).");
        }

        if (report.Streams.Count > options.MaxStreams)
        {
            return new("streams", $"The file has {report.Streams.Count} streams; at most {options.MaxStreams} are accepted.");
        }

        if (container == "avi" && report.Streams.Any(s => s.Type == "subtitle"))
        {
            // GAB2 subtitle chunks in AVI are how playlists were smuggled into ffmpeg; lessons never need them.
            return new("subtitles", "AVI files with embedded subtitle streams are not accepted; remove the subtitles or use mp4.");
        }

        var video = report.FirstVideo;
        if (video is null)
        {
            return new("no-video", "The file has no video stream.");
        }

        if (video.Width <= 0 || video.Height <= 0)
        {
            return new("picture-size", "The video stream has no valid picture size (the header may claim an impossible size).");
        }

        if (video.Width > options.MaxWidth || video.Height > options.MaxHeight)
        {
            return new("too-large", $"The video is {video.Width}×{video.Height}; at most {options.MaxWidth}×{options.MaxHeight} is accepted.");
        }

        var duration = report.DurationSeconds ?? video.DurationSeconds;
        if (duration is null or <= 0)
        {
            return new("duration-unknown", "The file's duration is unknown (re-save it with 'ffmpeg -i in -c copy out.mp4').");
        }

        if (duration > options.MaxDuration.TotalSeconds)
        {
            return new("too-long", string.Create(CultureInfo.InvariantCulture,
                $"The video lasts {TimeSpan.FromSeconds(duration.Value):c}; at most {options.MaxDuration:c} is accepted."));
        }

        return null;
    }
}
