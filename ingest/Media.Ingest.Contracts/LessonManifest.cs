using System.Globalization;
using System.Text.Json;

namespace Media.Ingest.Contracts;

public enum ManifestFormat
{
    Csv,
    Json,
}

/// <summary>One lesson of a bulk-import manifest: the file (relative to the import folder) and its metadata.</summary>
public sealed record ManifestRow(int Number, string File, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// Reads a bulk-import manifest (CSV or JSON), the same format for the CLI and the import API. Columns may be named in English (file, title, stage …) or Chinese
/// (文件, 课题, 学段 …); unknown columns are an error rather than silently dropped metadata.
/// </summary>
public static class LessonManifest
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["file"] = "file", ["path"] = "file", ["文件"] = "file", ["文件路径"] = "file",
        ["title"] = LessonMetadataKeys.Title, ["课题"] = LessonMetadataKeys.Title, ["标题"] = LessonMetadataKeys.Title,
        ["stage"] = LessonMetadataKeys.Stage, ["学段"] = LessonMetadataKeys.Stage,
        ["grade"] = LessonMetadataKeys.Grade, ["年级"] = LessonMetadataKeys.Grade,
        ["subject"] = LessonMetadataKeys.Subject, ["学科"] = LessonMetadataKeys.Subject,
        ["edition"] = LessonMetadataKeys.Edition, ["教材版本"] = LessonMetadataKeys.Edition, ["版本"] = LessonMetadataKeys.Edition,
        ["volume"] = LessonMetadataKeys.Volume, ["册"] = LessonMetadataKeys.Volume,
        ["unit"] = LessonMetadataKeys.Unit, ["单元"] = LessonMetadataKeys.Unit,
        ["lesson"] = LessonMetadataKeys.Lesson, ["课"] = LessonMetadataKeys.Lesson,
        ["teacher"] = LessonMetadataKeys.Teacher, ["教师"] = LessonMetadataKeys.Teacher, ["授课教师"] = LessonMetadataKeys.Teacher,
        ["teacherTitle"] = LessonMetadataKeys.TeacherTitle, ["教师称号"] = LessonMetadataKeys.TeacherTitle, ["职称"] = LessonMetadataKeys.TeacherTitle,
        ["school"] = LessonMetadataKeys.School, ["学校"] = LessonMetadataKeys.School,
        ["region"] = LessonMetadataKeys.Region, ["地区"] = LessonMetadataKeys.Region,
        ["year"] = LessonMetadataKeys.Year, ["年份"] = LessonMetadataKeys.Year,
        ["description"] = LessonMetadataKeys.Description, ["简介"] = LessonMetadataKeys.Description,
    };

    /// <summary>
    /// Identifies an imported file by path, size and modification time, so that a re-run skips it while a
    /// replaced file (same name, new content) is imported again.
    /// </summary>
    public static string FileKey(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}";
    }

    public static IReadOnlyList<ManifestRow> Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new ManifestException($"manifest '{path}' does not exist");
        }

        var format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ManifestFormat.Csv,
            ".json" => ManifestFormat.Json,
            var other => throw new ManifestException($"manifest must be .csv or .json, not '{other}'"),
        };
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var rows = Parse(reader.ReadToEnd(), format);
        return rows.Count > 0 ? rows : throw new ManifestException($"manifest '{path}' has no rows");
    }

    /// <summary>Parses manifest text; an empty manifest gives no rows.</summary>
    public static IReadOnlyList<ManifestRow> Parse(string text, ManifestFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = format == ManifestFormat.Csv ? ReadCsv(text) : ReadJson(text);

        var rows = new List<ManifestRow>();
        var number = 0;
        foreach (var record in records)
        {
            number++;
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            string? file = null;
            foreach (var (column, value) in record)
            {
                if (!Aliases.TryGetValue(column.Trim(), out var key))
                {
                    throw new ManifestException($"row {number}: unknown column '{column}' (known: {string.Join(", ", Aliases.Keys.Where(k => k.All(char.IsAscii)))})");
                }

                if (key == "file")
                {
                    file = value.Trim();
                }
                else if (!string.IsNullOrWhiteSpace(value))
                {
                    metadata[key] = value.Trim();
                }
            }

            if (string.IsNullOrEmpty(file))
            {
                throw new ManifestException($"row {number}: the file column is empty");
            }

            rows.Add(new ManifestRow(number, file, metadata));
        }

        return rows;
    }

    private static List<List<(string, string)>> ReadCsv(string text)
    {
        var lines = CsvRows.Parse(text.TrimStart('\uFEFF')).Where(r => r.Any(f => f.Length > 0)).ToList();
        if (lines.Count == 0)
        {
            return [];
        }

        var header = lines[0];
        return lines.Skip(1).Select((fields, i) => fields.Count == header.Count
            ? header.Zip(fields).ToList()
            : throw new ManifestException($"row {i + 1}: {fields.Count} fields where the header has {header.Count}")).ToList();
    }

    private static List<List<(string, string)>> ReadJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ManifestException($"manifest is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var array = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement
                : document.RootElement.TryGetProperty("lessons", out var lessons) ? lessons
                : throw new ManifestException("a JSON manifest is an array of lessons (or {\"lessons\": [...]})");
            return array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
                ? item.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? string.Empty : p.Value.GetRawText())).ToList()
                : throw new ManifestException("every lesson in a JSON manifest is an object")).ToList();
        }
    }
}

public sealed class ManifestException : Exception
{
    public ManifestException(string message) : base(message) { }

    public ManifestException() { }

    public ManifestException(string message, Exception innerException) : base(message, innerException) { }
}
