using Media.Catalog.Assignments;
using Media.Catalog.Engagement;
using Media.Catalog.Lessons;
using Media.Catalog.Taxonomy;
using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Data;

/// <summary>Lessons and their place in the taxonomy (schema <c>catalog</c>).</summary>
internal class CatalogDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "catalog";

    protected override string Schema => SchemaName;

    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<TaxonomyNode> TaxonomyNodes => Set<TaxonomyNode>();
    public DbSet<LessonRating> Ratings => Set<LessonRating>();
    public DbSet<Favourite> Favourites => Set<Favourite>();
    public DbSet<LessonTextTrack> LessonTexts => Set<LessonTextTrack>();
    public DbSet<ClassAssignment> ClassAssignments => Set<ClassAssignment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Lesson>(e =>
        {
            e.ToTable("lessons");
            e.Property(l => l.Title).HasMaxLength(300);
            foreach (var name in new[] { nameof(Lesson.Stage), nameof(Lesson.Grade), nameof(Lesson.Subject), nameof(Lesson.Edition), nameof(Lesson.Volume),
                nameof(Lesson.Unit), nameof(Lesson.LessonName), nameof(Lesson.Teacher), nameof(Lesson.TeacherTitle), nameof(Lesson.School), nameof(Lesson.Region),
                nameof(Lesson.AwardLevel) })
            {
                e.Property(name).HasMaxLength(200);
            }

            e.Property(l => l.Description).HasMaxLength(4000);
            e.Property(l => l.ProcessingError).HasMaxLength(4000);
            e.Property(l => l.SourceBlobKey).HasMaxLength(300);
            e.Property(l => l.Sha256).HasMaxLength(64);
            e.HasIndex(l => new { l.OwnerId, l.CreatedAt });
            e.Property(l => l.Chapters).HasJsonConversion();
            e.Property(l => l.TitleCard).HasJsonConversion();
            e.HasIndex(l => l.Status);
            e.HasIndex(l => l.ParentLessonId);
            e.Property(l => l.Tags).HasJsonConversion();
            e.Property(l => l.Access).HasMaxLength(20).HasDefaultValue("signed-in");
            e.Ignore(l => l.AverageRating);
            e.HasIndex(l => l.TaxonomyNodeId);
        });
        modelBuilder.Entity<TaxonomyNode>(e =>
        {
            e.ToTable("taxonomy_nodes");
            e.Property(n => n.Name).HasMaxLength(200);
            e.HasIndex(n => new { n.ParentId, n.Position });
        });
        modelBuilder.Entity<LessonRating>(e =>
        {
            e.ToTable("ratings");
            e.HasKey(r => new { r.LessonId, r.UserId });
        });
        modelBuilder.Entity<LessonTextTrack>(e =>
        {
            e.ToTable("lesson_texts");
            e.HasKey(t => new { t.LessonId, t.Track });
            e.Property(t => t.Track).HasMaxLength(40);
            e.Property(t => t.Source).HasMaxLength(20);
            e.Property(t => t.Label).HasMaxLength(60);
            e.Property(t => t.Lines).HasJsonConversion();
        });
        modelBuilder.Entity<Favourite>(e =>
        {
            e.ToTable("favourites");
            e.HasKey(f => new { f.UserId, f.LessonId });
            e.HasIndex(f => new { f.UserId, f.AddedAt });
        });
        modelBuilder.Entity<ClassAssignment>(e =>
        {
            e.ToTable("class_assignments");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.LessonId, a.ClassId }).IsUnique();
            e.HasIndex(a => new { a.ClassId, a.AssignedAt });
            e.Property(a => a.Note).HasMaxLength(Assignments.ClassAssignments.MaxNoteLength);
        });
    }
}

internal sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class SqliteCatalogDesignFactory : SqliteDesignFactory<SqliteCatalogDbContext>;

internal sealed class PostgresCatalogDesignFactory() : PostgresDesignFactory<PostgresCatalogDbContext>(CatalogDbContext.SchemaName);
