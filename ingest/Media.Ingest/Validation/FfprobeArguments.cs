using System.Globalization;

namespace Media.Ingest.Validation;

/// <summary>
/// ffprobe command lines for untrusted files: only the file protocol, only the sniffed demuxer (also for any
/// nested demuxer), bounded probing and picture size. Pure, so the rules are unit-tested.
/// </summary>
internal static class FfprobeArguments
{
    public const long ProbeBytes = 50_000_000;
    public const long AnalyzeMicroseconds = 30_000_000;

    private static IEnumerable<string> Common(string demuxer, int maxWidth, int maxHeight) =>
    [
        "-v", "error", "-hide_banner",
        "-protocol_whitelist", "file",
        "-format_whitelist", demuxer,
        "-f", demuxer,
        "-probesize", ProbeBytes.ToString(CultureInfo.InvariantCulture),
        "-analyzeduration", AnalyzeMicroseconds.ToString(CultureInfo.InvariantCulture),
        "-max_pixels", ((long)maxWidth * maxHeight).ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Container and streams as JSON.</summary>
    public static IReadOnlyList<string> Probe(string demuxer, string path, int maxWidth, int maxHeight) =>
        [.. Common(demuxer, maxWidth, maxHeight), "-print_format", "json", "-show_format", "-show_streams", "file:" + path];

    /// <summary>Packet times of the last seconds: a truncated file ends early or makes ffprobe report a partial file.</summary>
    public static IReadOnlyList<string> Tail(string demuxer, string path, double startSeconds, int maxWidth, int maxHeight) =>
    [
        .. Common(demuxer, maxWidth, maxHeight),
        "-read_intervals", startSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "%",
        "-show_entries", "packet=pts_time", "-print_format", "csv=p=0", "file:" + path,
    ];
}
