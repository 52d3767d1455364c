using Media.Ingest.Contracts;
using Media.Platform.Data;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Transcoding.Jobs;

/// <summary>A lesson's transcoding: its source, state, progress and (once published) where its renditions are.</summary>
internal sealed class LessonTranscode
{
    public Guid LessonId { get; set; }
    public Guid OwnerId { get; set; }

    /// <summary>The teacher's organisation (school) when known: access levels are decided against it.</summary>
    public Guid? OrganisationId { get; set; }

    public required string SourceBlobKey { get; set; }
    public required MediaFacts Source { get; set; }
    public TranscodeState State { get; set; }
    public int Attempts { get; set; }
    public double Percent { get; set; }
    public double Speed { get; set; }
    public double? EtaSeconds { get; set; }
    public string? Error { get; set; }
    public string? PublishedPrefix { get; set; }
    public List<RenditionInfo> Renditions { get; set; } = [];
    public List<ChapterMark> Chapters { get; set; } = [];
    public double? IntegratedLoudness { get; set; }

    /// <summary>For a clip: the part of the source (another lesson's) it is made from.</summary>
    public double? ClipStartSeconds { get; set; }

    public double? ClipEndSeconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}

internal enum TranscodeState
{
    Queued = 0,
    Running = 1,
    Published = 2,
    Failed = 3,
}

/// <summary>Transcoding state (schema <c>transcoding</c>).</summary>
internal class TranscodingDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "transcoding";

    protected override string Schema => SchemaName;

    public DbSet<LessonTranscode> Transcodes => Set<LessonTranscode>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<LessonTranscode>(e =>
        {
            e.ToTable("lesson_transcodes");
            e.HasKey(t => t.LessonId);
            e.Property(t => t.SourceBlobKey).HasMaxLength(300);
            e.Property(t => t.PublishedPrefix).HasMaxLength(300);
            e.Property(t => t.Error).HasMaxLength(4000);
            e.Property(t => t.Source).HasJsonConversion();
            e.Property(t => t.Renditions).HasJsonConversion();
            e.Property(t => t.Chapters).HasJsonConversion();
            e.HasIndex(t => t.State);
        });
    }
}

internal sealed class SqliteTranscodingDbContext(DbContextOptions<SqliteTranscodingDbContext> options) : TranscodingDbContext(options);

internal sealed class PostgresTranscodingDbContext(DbContextOptions<PostgresTranscodingDbContext> options) : TranscodingDbContext(options);

internal sealed class SqliteTranscodingDesignFactory : SqliteDesignFactory<SqliteTranscodingDbContext>;

internal sealed class PostgresTranscodingDesignFactory() : PostgresDesignFactory<PostgresTranscodingDbContext>(TranscodingDbContext.SchemaName);
