using Media.Platform.Data;
using Media.Streaming.Analytics;
using Media.Streaming.Captions;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Streaming.Data;

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
