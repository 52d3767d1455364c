using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Media.Platform;
using Microsoft.Extensions.Options;

namespace Media.Streaming.Delivery;

/// <summary>
/// Playback tokens: HMAC-SHA256 over lesson, viewer and expiry, carried in the query string so that every
/// playlist, segment and thumbnail URL can be checked by the server (or a CDN edge) without a cookie.
/// Format: <c>{viewer:N}.{expiresUnixSeconds}.{signature base64url}</c>.
/// </summary>
internal sealed class PlaybackTokens
{
    private readonly byte[][] _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public PlaybackTokens(IOptions<StreamingOptions> options, IOptions<MediaOptions> media, TimeProvider time)
    {
        _time = time;
        _lifetime = options.Value.UrlLifetime;
        // Empty entries (an unset environment variable in a deployment template) count as not configured.
        var configured = options.Value.SigningKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray();
        _keys = configured.Length > 0
            ? configured.Select(Decode).ToArray()
            : [PersistentKeys.LoadOrCreate(media.Value, "playback-signing")];
    }

    public PlaybackToken Issue(Guid lessonId, Guid viewerId)
    {
        var expires = _time.GetUtcNow() + _lifetime;
        var seconds = expires.ToUnixTimeSeconds();
        return new PlaybackToken($"{viewerId:N}.{seconds.ToString(CultureInfo.InvariantCulture)}.{Sign(_keys[0], lessonId, viewerId, seconds)}", expires);
    }

    /// <summary>Why the token does not open this lesson now, or null when it does.</summary>
    public string? Check(string? token, Guid lessonId)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var viewer)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "The playback link is missing its token or the token is malformed.";
        }

        var presented = Encoding.ASCII.GetBytes(parts[2]);
        if (!_keys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, lessonId, viewer, seconds)), presented)))
        {
            return "The playback link's signature is not valid for this lesson.";
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds) <= _time.GetUtcNow()
            ? "The playback link has expired; open the lesson again for a new one."
            : null;
    }

    private static string Sign(byte[] key, Guid lessonId, Guid viewerId, long expires) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{lessonId:N}|{viewerId:N}|{expires.ToString(CultureInfo.InvariantCulture)}")));

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
