using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Media.Platform.Identity;

/// <summary>
/// How passwords are kept. One a person chose is hashed with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512,
/// 100,000 iterations), which a guessable password needs. One the server generated (<see cref="PasswordPolicy.Generate"/>:
/// 59 random bits, handed over once) cannot be guessed, so its salted PBKDF2-SHA256 with 1,000 iterations is enough:
/// a roster of 100,000 new students hashes in seconds instead of most of an hour. At the first sign-in with it the
/// password is hashed again the strong way, so that a generated hash lives only until the person first uses it.
/// </summary>
public static class PasswordHashes
{
    private const string GeneratedPrefix = "generated-pbkdf2-sha256$";
    private const int GeneratedIterations = 1_000;
    private static readonly PasswordHasher<User> Strong = new();

    /// <summary>The hash of a password a person chose (or will keep).</summary>
    public static string OfChosen(User user, string password) => Strong.HashPassword(user, password);

    /// <summary>The hash of a password <see cref="PasswordPolicy.Generate"/> made and nobody has used yet.</summary>
    public static string OfGenerated(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, GeneratedIterations, HashAlgorithmName.SHA256, 32);
        return GeneratedPrefix + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
    }

    /// <summary>Whether the password matches, and whether its hash should be replaced by <see cref="OfChosen"/> now.</summary>
    public static (bool Matches, bool Rehash) Verify(User user, string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (!hash.StartsWith(GeneratedPrefix, StringComparison.Ordinal))
        {
            var result = Strong.VerifyHashedPassword(user, hash, password);
            return (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
        }

        var parts = hash[GeneratedPrefix.Length..].Split('$');
        if (parts.Length != 2)
        {
            return (false, false);
        }

        var expected = Convert.FromBase64String(parts[1]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(parts[0]), GeneratedIterations, HashAlgorithmName.SHA256, expected.Length);
        var matches = CryptographicOperations.FixedTimeEquals(actual, expected);
        return (matches, matches);
    }
}
