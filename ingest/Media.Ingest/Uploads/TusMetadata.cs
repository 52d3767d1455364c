using System.Text;
using Media.Ingest.Contracts;

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

        return Check(metadata, out error);
    }

    /// <summary>
    /// The lesson's fields within the catalog's limits (a 15,000-character title would be accepted here and refused by
    /// every later edit), and the file name reduced to a plain name: no folders, no control characters.
    /// </summary>
    private static bool Check(Dictionary<string, string> metadata, out string? error)
    {
        error = null;
        foreach (var (key, value) in metadata)
        {
            var limit = key switch
            {
                LessonMetadataKeys.Title => 300,
                LessonMetadataKeys.Description => 4000,
                LessonMetadataKeys.FileName => 255,
                _ => 200,
            };
            if (value.Length > limit)
            {
                error = $"Upload-Metadata '{key}' is {value.Length} characters; at most {limit} are accepted.";
                return false;
            }
        }

        if (metadata.TryGetValue(LessonMetadataKeys.FileName, out var fileName))
        {
            metadata[LessonMetadataKeys.FileName] = PlainFileName(fileName);
        }

        return true;
    }

    /// <summary>The last segment of a path (either slash), without control characters; "upload" when nothing is left.</summary>
    public static string PlainFileName(string name)
    {
        var last = name.Replace('\\', '/').Split('/').Last();
        var plain = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return plain is "" or "." or ".." ? "upload" : plain;
    }
}
