using System.Buffers;

namespace Media.Platform.Storage;

/// <summary>Validates blob keys so that no key can name anything outside the store.</summary>
public static class BlobKey
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/");

    public static string Validate(string key) => Check(key, allowEmpty: false, trailingSlash: false);

    /// <summary>A prefix may be empty (everything) or end with '/'.</summary>
    public static string ValidatePrefix(string prefix) => Check(prefix, allowEmpty: true, trailingSlash: true);

    private static string Check(string value, bool allowEmpty, bool trailingSlash)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return allowEmpty ? value : throw new ArgumentException("A blob key cannot be empty.", nameof(value));
        }

        var body = trailingSlash && value.EndsWith('/') ? value[..^1] : value;
        if (value.Length > 512
            || value.AsSpan().IndexOfAnyExcept(Allowed) >= 0
            || body.Split('/').Any(segment => segment.Length == 0 || segment == "." || segment == ".."))
        {
            throw new ArgumentException($"'{value}' is not a valid blob key.", nameof(value));
        }

        return value;
    }
}
