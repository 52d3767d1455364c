using Media.Ingest.Contracts;
using Media.Platform.Data;
using Media.Transcoding.Contracts;
using Media.Transcoding.Jobs;
using Media.Transcoding.Recognition;
using Microsoft.EntityFrameworkCore;

namespace Media.Transcoding.Data;

/// <summary>Transcoding state (schema <c>transcoding</c>).</summary>
internal class TranscodingDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "transcoding";

    protected override string Schema => SchemaName;

    public DbSet<LessonTranscode> Transcodes => Set<LessonTranscode>();
    public DbSet<LessonScreenText> ScreenTexts => Set<LessonScreenText>();

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
        modelBuilder.Entity<LessonScreenText>(e =>
        {
            e.ToTable("lesson_screen_texts");
            e.HasKey(t => t.LessonId);
            e.Property(t => t.Engine).HasMaxLength(40);
            e.Property(t => t.Error).HasMaxLength(2000);
            e.Property(t => t.Lines).HasJsonConversion();
            e.Property(t => t.Card).HasJsonConversion();
        });
    }
}

internal sealed class SqliteTranscodingDbContext(DbContextOptions<SqliteTranscodingDbContext> options) : TranscodingDbContext(options);

internal sealed class PostgresTranscodingDbContext(DbContextOptions<PostgresTranscodingDbContext> options) : TranscodingDbContext(options);

internal sealed class SqliteTranscodingDesignFactory : SqliteDesignFactory<SqliteTranscodingDbContext>;

internal sealed class PostgresTranscodingDesignFactory() : PostgresDesignFactory<PostgresTranscodingDbContext>(TranscodingDbContext.SchemaName);
