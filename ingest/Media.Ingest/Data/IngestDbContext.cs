using Media.Ingest.LibraryImports;
using Media.Ingest.Uploads;
using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Ingest.Data;

/// <summary>Uploads and accepted content (schema <c>ingest</c>).</summary>
internal class IngestDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "ingest";

    protected override string Schema => SchemaName;

    public DbSet<Upload> Uploads => Set<Upload>();
    public DbSet<AcceptedMedia> AcceptedMedia => Set<AcceptedMedia>();
    public DbSet<LibraryImport> Imports => Set<LibraryImport>();
    public DbSet<LibraryImportRow> ImportRows => Set<LibraryImportRow>();
    public DbSet<ImportedFile> ImportedFiles => Set<ImportedFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Upload>(e =>
        {
            e.ToTable("uploads");
            e.Property(u => u.BlobKey).HasMaxLength(300);
            e.Property(u => u.RawMetadata).HasMaxLength(8000);
            e.Property(u => u.Sha256).HasMaxLength(64);
            e.Property(u => u.Error).HasMaxLength(2000);
            e.Property(u => u.ErrorCode).HasMaxLength(40);
            e.Property(u => u.Metadata).HasJsonConversion();
            e.HasIndex(u => new { u.OwnerId, u.CreatedAt });
            e.HasIndex(u => new { u.State, u.ExpiresAt });
        });
        modelBuilder.Entity<LibraryImport>(e =>
        {
            e.ToTable("imports");
            e.Property(i => i.Folder).HasMaxLength(500);
            e.HasMany(i => i.Rows).WithOne().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<LibraryImportRow>(e =>
        {
            e.ToTable("import_rows");
            e.HasKey(r => new { r.ImportId, r.Number });
            e.Property(r => r.File).HasMaxLength(1000);
            e.Property(r => r.Error).HasMaxLength(2000);
            e.Property(r => r.Metadata).HasJsonConversion();
        });
        modelBuilder.Entity<ImportedFile>(e =>
        {
            e.ToTable("imported_files");
            e.HasKey(f => f.Key);
            e.Property(f => f.Key).HasMaxLength(1200);
            e.Property(f => f.Error).HasMaxLength(2000);
        });
        modelBuilder.Entity<AcceptedMedia>(e =>
        {
            e.ToTable("accepted_media");
            e.HasKey(m => m.Sha256);
            e.Property(m => m.Sha256).HasMaxLength(64);
        });
    }
}

internal sealed class SqliteIngestDbContext(DbContextOptions<SqliteIngestDbContext> options) : IngestDbContext(options);

internal sealed class PostgresIngestDbContext(DbContextOptions<PostgresIngestDbContext> options) : IngestDbContext(options);

internal sealed class SqliteIngestDesignFactory : SqliteDesignFactory<SqliteIngestDbContext>;

internal sealed class PostgresIngestDesignFactory() : PostgresDesignFactory<PostgresIngestDbContext>(IngestDbContext.SchemaName);
