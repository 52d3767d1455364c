using System.Security.Cryptography;

namespace Media.Platform.Identity;

/// <summary>
/// The rule for passwords kept by Media itself (people who sign in through the education cloud have none here): at least
/// 8 characters, at least two of letters, digits and other characters, and not the user name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? password, string userName)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength || password.Length > MaxLength)
        {
            return $"A password has {MinLength}–{MaxLength} characters.";
        }

        var kinds = (password.Any(char.IsLetter) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 2)
        {
            return "A password mixes at least two of letters, digits and other characters.";
        }

        return string.Equals(password, userName, StringComparison.OrdinalIgnoreCase) ? "A password is not the user name." : null;
    }

    /// <summary>A random password that meets the policy, for a new account or a reset (handed to the person once).</summary>
    public static string Generate()
    {
        // No 0/O, 1/l/I: read aloud or copied from paper in a staff room.
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            var pool = i % 4 == 3 ? digits : letters;
            chars[i] = pool[RandomNumberGenerator.GetInt32(pool.Length)];
        }

        return new string(chars);
    }
}
