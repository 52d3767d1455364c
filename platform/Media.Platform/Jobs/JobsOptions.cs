using System.ComponentModel.DataAnnotations;

namespace Media.Platform.Jobs;

/// <summary>Settings under <c>Media:Jobs</c> (Hangfire).</summary>
public sealed class JobsOptions
{
    public const string Section = "Media:Jobs";
    public const string Sqlite = "SQLite";
    public const string PostgreSql = "PostgreSql";

    /// <summary>SQLite (a file under the data path, survives restarts) or PostgreSql (shared by worker processes).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>PostgreSQL connection string; defaults to <c>Media:Database:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Concurrent jobs in this process; transcoding takes every core it gets, so one per two cores.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// Concurrent background-reading jobs (on-screen text) in this process, on their own queue
    /// (<see cref="JobQueues.Background"/>) so that they never hold up a transcode and take at most this many cores.
    /// </summary>
    [Range(1, 64)]
    public int BackgroundWorkerCount { get; set; } = 1;

    /// <summary>How often an idle worker looks for new jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// PostgreSQL: a running job is renewed every fifth of this by its worker; a worker that died (SIGKILL, a lost host)
    /// stops renewing, and after this long another worker takes the job over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The job queues: transcoding and imports on the default one; slow, deferrable reading on its own.</summary>
public static class JobQueues
{
    public const string Default = "default";

    /// <summary>Work that may wait behind everything else (OCR of published lessons); its own workers.</summary>
    public const string Background = "background";
}
