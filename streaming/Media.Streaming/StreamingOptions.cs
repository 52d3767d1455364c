using System.ComponentModel.DataAnnotations;

namespace Media.Streaming;

/// <summary>Settings under <c>Media:Streaming</c>.</summary>
internal sealed class StreamingOptions
{
    public const string Section = "Media:Streaming";

    /// <summary>
    /// Base64 HMAC keys for playback URLs, newest first: the first signs, every one verifies, so a key can be
    /// rotated without breaking URLs already handed out. Empty: one key is generated under the data path.
    /// </summary>
    public string[] SigningKeys { get; set; } = [];

    /// <summary>How long a playback URL stays valid (a 45-minute lesson plus pauses).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a download link stays valid: it opens only the MP4, and a viewer asks for a new one each time.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Memory for the bytes of recently served segments (a popular lesson is watched by a whole city at once): served
    /// from memory they cost neither a disk read nor, with a cloud blob store, a round trip. 0 turns the cache off.
    /// </summary>
    [Range(0, 65536)]
    public int HotCacheMegabytes { get; set; } = 256;
}
