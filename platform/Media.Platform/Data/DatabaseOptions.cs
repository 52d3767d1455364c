namespace Media.Platform.Data;

/// <summary>Settings under <c>Media:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Media:Database";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    public string Provider { get; set; } = Sqlite;

    /// <summary>PostgreSQL connection string; SQLite keeps one file per module under the data path.</summary>
    public string? ConnectionString { get; set; }
}
