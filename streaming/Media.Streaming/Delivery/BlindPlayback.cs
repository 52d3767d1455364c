using System.Security.Cryptography;
using Media.Streaming.Contracts;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Media.Streaming.Delivery;

/// <summary>
/// Blind links: <c>/media/entry/{key}/…</c>, where the key is the lesson id encrypted with the host's data-protection
/// keys (a fresh ciphertext each time, so two links to one lesson do not even look alike). The playback token in the
/// query is the same as on <c>/media/{lessonId}/…</c>; downloads are never offered blind.
/// </summary>
internal sealed class BlindPlayback(IDataProtectionProvider protection, IPublishedRenditions published, PlaybackTokens tokens) : IBlindPlayback
{
    public const string RoutePrefix = "/media/entry/";

    private readonly IDataProtector _protector = protection.CreateProtector("Media.Streaming.BlindEntry");

    public async Task<BlindPlaybackLink?> IssueAsync(Guid lessonId, Guid viewerId, CancellationToken cancellationToken)
    {
        var set = await published.FindAsync(lessonId, cancellationToken);
        if (set is null)
        {
            return null;
        }

        var token = tokens.Issue(lessonId, viewerId);
        var key = WebEncoders.Base64UrlEncode(_protector.Protect(lessonId.ToByteArray()));
        return new BlindPlaybackLink($"{RoutePrefix}{key}/{set.MasterPlaylist}?t={Uri.EscapeDataString(token.Value)}", token.ExpiresAt);
    }

    /// <summary>The lesson a blind key stands for, or null when the key was not issued by this deployment.</summary>
    public Guid? LessonOf(string key)
    {
        try
        {
            var bytes = _protector.Unprotect(WebEncoders.Base64UrlDecode(key));
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
