using System.Text;

namespace Media.Ingest.Uploads;

/// <summary>The tus Upload-Metadata header: comma-separated "key base64value" pairs (the value may be absent).</summary>
internal static class TusMetadata
{
    public static bool TryParse(string? header, out Dictionary<string, string> metadata, out string? error)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return true;
        }

        foreach (var pair in header.Split(','))
        {
            var parts = pair.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || parts[0].Length > 100)
            {
                error = $"Upload-Metadata entry '{pair.Trim()}' is not 'key base64value'.";
                return false;
            }

            if (metadata.ContainsKey(parts[0]))
            {
                error = $"Upload-Metadata repeats the key '{parts[0]}'.";
                return false;
            }

            try
            {
                metadata[parts[0]] = parts.Length == 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])) : string.Empty;
            }
            catch (FormatException)
            {
                error = $"Upload-Metadata value of '{parts[0]}' is not base64.";
                return false;
            }
        }

        return true;
    }
}
