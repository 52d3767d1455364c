using System.ComponentModel.DataAnnotations;

namespace Media.Platform.Events;

/// <summary>Delivery of module events from the outbox (<c>Media:Events</c>).</summary>
public sealed class EventOptions
{
    public const string Section = "Media:Events";

    /// <summary>How often each process looks for deliveries that are due (a publish in this process wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait after the first failure; it doubles with each failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tries before a delivery is given up on (health degraded, shown to administrators, replayable).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long a claimed delivery is left to the process that claimed it before another may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long delivered events are kept (for inspection) before they are deleted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(7);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;
}
