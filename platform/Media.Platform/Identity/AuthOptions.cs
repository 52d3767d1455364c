using System.ComponentModel.DataAnnotations;

namespace Media.Platform.Identity;

/// <summary>Settings under <c>Media:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Media:Auth";

    /// <summary>Base64 HMAC key of at least 32 bytes; when empty, one is generated under the data path and kept.</summary>
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "media";

    [Required]
    public string Audience { get; set; } = "media";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong passwords for one account within <see cref="LockoutPeriod"/> before it is locked for that long.</summary>
    [Range(1, 1000)]
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Wrong passwords from one address (any accounts) within <see cref="LockoutPeriod"/> before it must wait.</summary>
    [Range(1, 100000)]
    public int MaxFailuresPerAddress { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Unified sign-in (统一身份认证) through the education cloud's OpenID provider; off while Authority is empty.</summary>
    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>
/// Settings under <c>Media:Auth:Oidc</c>. People signing in through the provider must already have an account here
/// (from the roster): the claim named <see cref="RosterIdClaim"/> is matched to the account's roster id (教职工号 / 学籍号).
/// </summary>
public sealed class OidcOptions
{
    public const string Scheme = "oidc";

    /// <summary>The provider's issuer URL (its <c>/.well-known/openid-configuration</c> is read from there).</summary>
    public Uri? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in page calls the provider.</summary>
    public string DisplayName { get; set; } = "统一身份认证";

    /// <summary>The ID-token claim that carries the roster id.</summary>
    public string RosterIdClaim { get; set; } = "sub";

    /// <summary>Only for a provider on a private test network: production providers are reached over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => Authority is not null;
}

/// <summary>Settings under <c>Media:Demo</c>: seeded organisations and users for trying the product.</summary>
public sealed class DemoOptions
{
    public const string Section = "Media:Demo";

    public bool Enabled { get; set; }

    [Required]
    [MinLength(4)]
    public string Password { get; set; } = "demo";
}
