using System.Text;

namespace Media.Ingest.Validation;

/// <summary>
/// Decides from a file's first bytes which container it is, before any ffmpeg code sees it. Playlists, concat
/// lists, manifests, text and images are refused here, and the container found is the only demuxer ffprobe may
/// then use: a ".mp4" that is really an HLS playlist never reaches the HLS demuxer.
/// </summary>
internal static class MediaSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 4096;

    private static readonly byte[] Matroska = [0x1A, 0x45, 0xDF, 0xA3];
    private static readonly byte[] Asf = [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C];
    private static readonly string[] MovAtoms = ["ftyp", "moov", "mdat", "free", "wide", "skip", "pnot"];

    public static SniffResult Sniff(ReadOnlySpan<byte> head, long totalLength)
    {
        if (totalLength == 0 || head.IsEmpty)
        {
            return SniffResult.Reject("empty", "The file is empty.");
        }

        if (head.Length >= 8 && MovAtoms.Contains(Ascii(head.Slice(4, 4))))
        {
            var brand = head.Length >= 12 && Ascii(head.Slice(4, 4)) == "ftyp" ? Ascii(head.Slice(8, 4)) : string.Empty;
            return SniffResult.Accept("mov", brand == "qt  " ? "mov" : "mp4");
        }

        if (head.StartsWith(Matroska))
        {
            return SniffResult.Accept("matroska", head.IndexOf("webm"u8) >= 0 ? "webm" : "mkv");
        }

        if (head.Length >= 12 && Ascii(head[..4]) == "RIFF" && Ascii(head.Slice(8, 4)) == "AVI ")
        {
            return SniffResult.Accept("avi", "avi");
        }

        if (head.Length >= 4 && Ascii(head[..3]) == "FLV" && head[3] == 1)
        {
            return SniffResult.Accept("flv", "flv");
        }

        if (head.StartsWith(Asf))
        {
            return SniffResult.Accept("asf", "wmv");
        }

        if (IsTransportStream(head, 188, 0) || IsTransportStream(head, 192, 4))
        {
            return SniffResult.Accept("mpegts", "ts");
        }

        if (head.Length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 1 && head[3] == 0xBA)
        {
            return SniffResult.Accept("mpeg", "mpeg");
        }

        return DescribeRefusal(head);
    }

    private static SniffResult DescribeRefusal(ReadOnlySpan<byte> head)
    {
        if (IsImage(head))
        {
            return SniffResult.Reject("image", "The file is an image, not a video.");
        }

        var text = LeadingText(head);
        if (text.StartsWith("#EXTM3U", StringComparison.Ordinal) || text.Contains("#EXT-X-", StringComparison.Ordinal) || text.Contains("#EXTINF", StringComparison.Ordinal))
        {
            return SniffResult.Reject("playlist", "The file is an HLS playlist (m3u8), not a video; upload the video file itself.");
        }

        if (text.StartsWith("ffconcat", StringComparison.Ordinal) || text.Contains("file '", StringComparison.Ordinal) || text.StartsWith("file ", StringComparison.Ordinal))
        {
            return SniffResult.Reject("concat", "The file is an ffmpeg concat list, not a video.");
        }

        if (text.StartsWith("<?xml", StringComparison.Ordinal) || text.Contains("<MPD", StringComparison.Ordinal) || text.StartsWith('<'))
        {
            return SniffResult.Reject("markup", "The file is an XML or HTML document (perhaps a DASH manifest), not a video.");
        }

        if (IsText(head))
        {
            return SniffResult.Reject("text", "The file is text, not a video.");
        }

        return SniffResult.Reject("unknown-container",
            "The file is not in a supported video container (mp4, mov, mkv, webm, flv, ts, avi, mpeg, wmv).");
    }

    private static bool IsTransportStream(ReadOnlySpan<byte> head, int packetSize, int syncOffset)
    {
        var packets = 0;
        for (var i = syncOffset; i < head.Length && packets < 4; i += packetSize, packets++)
        {
            if (head[i] != 0x47)
            {
                return false;
            }
        }

        return packets >= 3;
    }

    private static bool IsImage(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || head.StartsWith("GIF8"u8)
        || head.StartsWith("BM"u8)
        || head.StartsWith("II*\0"u8)
        || head.StartsWith("MM\0*"u8)
        || (head.Length >= 12 && head.StartsWith("RIFF"u8) && Ascii(head.Slice(8, 4)) == "WEBP");

    private static string LeadingText(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 1024)]);
        return text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 1024)];
        foreach (var b in sample)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                return false;
            }
        }

        return true;
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}

/// <summary>Either the demuxer to force and the container's name, or why the file is refused.</summary>
internal sealed record SniffResult(string? Demuxer, string? Container, string? RejectionCode, string? RejectionReason)
{
    public bool Accepted => Demuxer is not null;

    public static SniffResult Accept(string demuxer, string container) => new(demuxer, container, null, null);

    public static SniffResult Reject(string code, string reason) => new(null, null, code, reason);
}
