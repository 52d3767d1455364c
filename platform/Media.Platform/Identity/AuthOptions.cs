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
