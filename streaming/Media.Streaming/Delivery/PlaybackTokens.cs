using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Media.Platform;
using Microsoft.Extensions.Options;

namespace Media.Streaming.Delivery;

/// <summary>
/// Playback tokens: HMAC-SHA256 over lesson, viewer and expiry, carried in the query string so that every
/// playlist, segment and thumbnail URL can be checked by the server (or a CDN edge) without a cookie.
/// Format: <c>{viewer:N}.{expiresUnixSeconds}.{signature base64url}</c>. A token carries what it allows: a playback
/// token opens the lesson's playlists, segments and thumbnails; a download token (signed with its purpose, short-lived)
/// opens only the MP4. Neither opens the other's files.
/// </summary>
internal sealed class PlaybackTokens
{
    private readonly byte[][] _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _downloadLifetime;

    public PlaybackTokens(IOptions<StreamingOptions> options, IOptions<MediaOptions> media, TimeProvider time)
    {
        _time = time;
        _lifetime = options.Value.UrlLifetime;
        _downloadLifetime = options.Value.DownloadLinkLifetime;
        // Empty entries (an unset environment variable in a deployment template) count as not configured.
        var configured = options.Value.SigningKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray();
        _keys = configured.Length > 0
            ? configured.Select(Decode).ToArray()
            : [PersistentKeys.LoadOrCreate(media.Value, "playback-signing")];
    }

    public PlaybackToken Issue(Guid lessonId, Guid viewerId, TokenPurpose purpose = TokenPurpose.Play)
    {
        var expires = _time.GetUtcNow() + (purpose == TokenPurpose.Download ? _downloadLifetime : _lifetime);
        var seconds = expires.ToUnixTimeSeconds();
        return new PlaybackToken($"{viewerId:N}.{seconds.ToString(CultureInfo.InvariantCulture)}.{Sign(_keys[0], lessonId, viewerId, seconds, purpose)}", expires);
    }

    /// <summary>The viewer a token was issued to (checked or not); null when it is malformed.</summary>
    public static Guid? ViewerOf(string? token) =>
        token?.Split('.') is [var viewer, _, _] && Guid.TryParseExact(viewer, "N", out var id) ? id : null;

    /// <summary>When a token that <see cref="Check"/> accepted runs out.</summary>
    public static DateTimeOffset ExpiresAt(string token) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(token.Split('.')[1], NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>Why the token does not open this lesson for this purpose now, or null when it does.</summary>
    public string? Check(string? token, Guid lessonId, TokenPurpose purpose = TokenPurpose.Play)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var viewer)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "The playback link is missing its token or the token is malformed.";
        }

        var presented = Encoding.ASCII.GetBytes(parts[2]);
        if (!_keys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, lessonId, viewer, seconds, purpose)), presented)))
        {
            return purpose == TokenPurpose.Download
                ? "The link is not a download link of this lesson; ask for one (where the teacher allows downloads)."
                : "The playback link's signature is not valid for this lesson.";
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds) <= _time.GetUtcNow()
            ? "The playback link has expired; open the lesson again for a new one."
            : null;
    }

    // Playback tokens sign what they always signed (links handed out before downloads had a purpose stay valid).
    private static string Sign(byte[] key, Guid lessonId, Guid viewerId, long expires, TokenPurpose purpose) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(
            $"{lessonId:N}|{viewerId:N}|{expires.ToString(CultureInfo.InvariantCulture)}{(purpose == TokenPurpose.Download ? "|download" : "")}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string key)
    {
        try
        {
            var bytes = Convert.FromBase64String(key);
            return bytes.Length >= 32 ? bytes : throw new StartupException("Media:Streaming:SigningKeys entries must decode to at least 32 bytes.");
        }
        catch (FormatException)
        {
            throw new StartupException("Media:Streaming:SigningKeys entries must be base64.");
        }
    }
}

internal sealed record PlaybackToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>What a signed media URL allows.</summary>
internal enum TokenPurpose
{
    /// <summary>Playlists, segments, init files, thumbnails.</summary>
    Play,

    /// <summary>The offline MP4 only.</summary>
    Download,
}
