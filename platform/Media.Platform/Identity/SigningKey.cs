using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Media.Platform.Identity;

/// <summary>The HMAC key that signs access tokens: configured, or generated once and kept under the data path.</summary>
public sealed class SigningKey(IOptions<AuthOptions> auth, IOptions<MediaOptions> media)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => Load(auth.Value, media.Value));

    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey Load(AuthOptions auth, MediaOptions media)
    {
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            byte[] configured;
            try
            {
                configured = Convert.FromBase64String(auth.SigningKey);
            }
            catch (FormatException)
            {
                throw new StartupException("Media:Auth:SigningKey must be base64 (e.g. from 'openssl rand -base64 48').");
            }

            return configured.Length >= 32
                ? new SymmetricSecurityKey(configured)
                : throw new StartupException("Media:Auth:SigningKey must decode to at least 32 bytes.");
        }

        return new SymmetricSecurityKey(PersistentKeys.LoadOrCreate(media, "token-signing"));
    }}
