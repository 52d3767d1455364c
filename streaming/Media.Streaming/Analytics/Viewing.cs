using Media.Streaming.Contracts;
using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Streaming.Analytics;

/// <summary>One viewer's watching of one lesson on one day: a view is counted once per viewer, lesson and day.</summary>
internal sealed class ViewDay
{
    public Guid LessonId { get; set; }
    public Guid ViewerId { get; set; }

    /// <summary>The day as yyyymmdd (UTC+8 school days would be a setting; UTC for now).</summary>
    public int Day { get; set; }

    public double WatchedSeconds { get; set; }
    public double FurthestSeconds { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Where a viewer stopped, for resuming on any device.</summary>
internal sealed class ViewerPosition
{
    public Guid LessonId { get; set; }
    public Guid ViewerId { get; set; }
    public double PositionSeconds { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A lesson's delivery settings chosen by its teacher, and how often it was downloaded.</summary>
internal sealed class LessonDelivery
{
    public Guid LessonId { get; set; }

    /// <summary>Whether viewers may download the MP4 for offline classroom use (the teacher always may).</summary>
    public bool AllowDownload { get; set; }

    public int Downloads { get; set; }

    /// <summary>Who may watch: everyone signed in unless the teacher chose otherwise.</summary>
    public AccessLevel Access { get; set; }
}

/// <summary>Who may watch a lesson.</summary>
/// <summary>Viewing analytics (schema <c>streaming</c>).</summary>
internal class StreamingDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "streaming";

    protected override string Schema => SchemaName;

    public DbSet<ViewDay> ViewDays => Set<ViewDay>();
    public DbSet<ViewerPosition> Positions => Set<ViewerPosition>();
    public DbSet<LessonDelivery> Deliveries => Set<LessonDelivery>();
    public DbSet<Captions.LessonCaption> Captions => Set<Captions.LessonCaption>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ViewDay>(e =>
        {
            e.ToTable("view_days");
            e.HasKey(v => new { v.LessonId, v.ViewerId, v.Day });
        });
        modelBuilder.Entity<LessonDelivery>(e =>
        {
            e.ToTable("lesson_delivery");
            e.HasKey(d => d.LessonId);
        });
        modelBuilder.Entity<Captions.LessonCaption>(e =>
        {
            e.ToTable("captions");
            e.HasKey(c => new { c.LessonId, c.Language });
            e.Property(c => c.Language).HasMaxLength(20);
            e.Property(c => c.Label).HasMaxLength(60);
            e.Property(c => c.BlobKey).HasMaxLength(300);
        });
        modelBuilder.Entity<ViewerPosition>(e =>
        {
            e.ToTable("positions");
            e.HasKey(p => new { p.LessonId, p.ViewerId });
        });
    }
}

internal sealed class SqliteStreamingDbContext(DbContextOptions<SqliteStreamingDbContext> options) : StreamingDbContext(options);

internal sealed class PostgresStreamingDbContext(DbContextOptions<PostgresStreamingDbContext> options) : StreamingDbContext(options);

internal sealed class SqliteStreamingDesignFactory : SqliteDesignFactory<SqliteStreamingDbContext>;

internal sealed class PostgresStreamingDesignFactory() : PostgresDesignFactory<PostgresStreamingDbContext>(StreamingDbContext.SchemaName);
