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

    /// <summary>
    /// Behind nginx, an internal location that maps to the blob folder (e.g. <c>/_media-files/</c>): the API checks the
    /// token and answers segments, posters and downloads with <c>X-Accel-Redirect: {prefix}{blob key}</c>, and nginx
    /// sends the bytes (sendfile, ranges, validators). FileSystem storage only. Empty: Kestrel sends them itself.
    /// </summary>
    [RegularExpression("^/[A-Za-z0-9_./-]*/$", ErrorMessage = "Media:Streaming:AcceleratedRedirectPrefix must start and end with '/', e.g. /_media-files/.")]
    public string? AcceleratedRedirectPrefix { get; set; }
}
