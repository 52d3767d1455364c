using System.Text.Json;

using Media.Ingest.Contracts;

namespace Media.Cli.Import;

/// <summary>
/// What an import has done so far, kept beside the manifest, so that running the same command again skips
/// finished rows and resumes unfinished uploads. A row is identified by its file's path, size and time:
/// replacing a file imports it again.
/// </summary>
internal sealed class ImportState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RowState> _rows;

    private ImportState(string path, Dictionary<string, RowState> rows)
    {
        _path = path;
        _rows = rows;
    }

    public static ImportState Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ImportState(path, []);
        }

        try
        {
            return new ImportState(path, JsonSerializer.Deserialize<Dictionary<string, RowState>>(File.ReadAllText(path), Json) ?? []);
        }
        catch (JsonException e)
        {
            throw new ManifestException($"import state '{path}' is damaged ({e.Message}); delete it to start over");
        }
    }

    public RowState? Get(string key)
    {
        lock (_gate)
        {
            return _rows.GetValueOrDefault(key);
        }
    }

    /// <summary>Records a row's progress and writes the whole state atomically (temp file + rename).</summary>
    public void Set(string key, RowState state)
    {
        lock (_gate)
        {
            _rows[key] = state;
            var temp = _path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(_rows, Json));
            File.Move(temp, _path, overwrite: true);
        }
    }
}

/// <summary>One row's progress: Status is uploading, accepted or rejected.</summary>
internal sealed record RowState(string Status, string? UploadUrl, Guid? LessonId, string? Error);
