using Media.Classroom.Sessions;
using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Data;

/// <summary>Live sessions, attendance and research comments (schema <c>classroom</c>).</summary>
internal class ClassroomDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "classroom";

    protected override string Schema => SchemaName;

    public DbSet<LiveSession> Sessions => Set<LiveSession>();
    public DbSet<Attendance> Attendance => Set<Attendance>();
    public DbSet<ResearchComment> Comments => Set<ResearchComment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<LiveSession>(e =>
        {
            e.ToTable("sessions");
            e.Property(s => s.Title).HasMaxLength(200);
            e.Property(s => s.JanusSecret).HasMaxLength(64);
            e.Property(s => s.RecordingError).HasMaxLength(2000);
            e.HasMany(s => s.Endpoints).WithOne().HasForeignKey(p => p.SessionId);
            e.HasMany(s => s.Invitees).WithOne().HasForeignKey(i => i.SessionId);
            e.HasIndex(s => new { s.HostId, s.StartsAt });
        });
        modelBuilder.Entity<SessionEndpoint>(e =>
        {
            e.ToTable("endpoints");
            e.Property(p => p.Name).HasMaxLength(200);
            e.HasIndex(p => p.ClassId);
        });
        modelBuilder.Entity<SessionInvitee>(e =>
        {
            e.ToTable("invitees");
            e.HasKey(i => new { i.SessionId, i.UserId });
            e.HasIndex(i => i.UserId);
        });
        modelBuilder.Entity<Attendance>(e =>
        {
            e.ToTable("attendance");
            e.HasIndex(a => new { a.SessionId, a.UserId });
        });
        modelBuilder.Entity<ResearchComment>(e =>
        {
            e.ToTable("research_comments");
            e.Property(c => c.Text).HasMaxLength(2000);
            e.Property(c => c.Author).HasMaxLength(100);
            e.Property(c => c.Criterion).HasMaxLength(100);
            e.HasIndex(c => new { c.LessonId, c.AtSeconds });
        });
    }
}

internal sealed class SqliteClassroomDbContext(DbContextOptions<SqliteClassroomDbContext> options) : ClassroomDbContext(options);

internal sealed class PostgresClassroomDbContext(DbContextOptions<PostgresClassroomDbContext> options) : ClassroomDbContext(options);

internal sealed class SqliteClassroomDesignFactory : SqliteDesignFactory<SqliteClassroomDbContext>;

internal sealed class PostgresClassroomDesignFactory() : PostgresDesignFactory<PostgresClassroomDbContext>(ClassroomDbContext.SchemaName);
