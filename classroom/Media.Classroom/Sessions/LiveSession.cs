using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

/// <summary>A scheduled live lesson: a synchronous class (同步课堂), a famous-teacher broadcast (名师课堂) or teaching research (网络教研).</summary>
internal sealed class LiveSession
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public SessionKind Kind { get; set; }
    public Guid HostId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public SessionStatus Status { get; set; }

    /// <summary>For teaching research: the catalog lesson the participants watch together.</summary>
    public Guid? LessonId { get; set; }

    public bool Recording { get; set; }

    /// <summary>The Janus VideoRoom of the session and its secret, once created.</summary>
    public long? JanusRoom { get; set; }

    public string? JanusSecret { get; set; }

    /// <summary>The host's publisher id in the room, noted at the end so the recording job picks the host's camera.</summary>
    public long? RecordingFeed { get; set; }

    /// <summary>The upload the recording became (its status leads to the lesson draft), or why it could not.</summary>
    public Guid? RecordingUploadId { get; set; }

    public string? RecordingError { get; set; }

    public DateTimeOffset? RecordingFinishedAt { get; set; }

    public List<SessionEndpoint> Endpoints { get; set; } = [];
    public List<SessionInvitee> Invitees { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

internal enum SessionKind
{
    SynchronousClass = 0,
    Broadcast = 1,
    TeachingResearch = 2,
}

internal enum SessionStatus
{
    Scheduled = 0,
    Live = 1,
    Ended = 2,
}

/// <summary>A participating classroom: the main one or a remote one, with its co-teacher (双师).</summary>
internal sealed class SessionEndpoint
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public required string Name { get; set; }
    public Guid? CoTeacherId { get; set; }
    public int Position { get; set; }
}

/// <summary>Someone invited by name, with the role they take when they join.</summary>
internal sealed class SessionInvitee
{
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public ParticipantRole Role { get; set; }
}

/// <summary>What someone may do in a session; decided by the server when they join.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ParticipantRole>))]
public enum ParticipantRole
{
    Host = 0,
    CoTeacher = 1,
    Student = 2,
    Observer = 3,
    Researcher = 4,
}

/// <summary>One stay of one person in a session: from joining to leaving (or the connection dropping).</summary>
internal sealed class Attendance
{
    public long Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public Guid? EndpointId { get; set; }
    public ParticipantRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}

/// <summary>A teaching-research remark pinned to a moment of the lesson watched together.</summary>
internal sealed class ResearchComment
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid LessonId { get; set; }
    public Guid UserId { get; set; }
    public required string Author { get; set; }
    public double AtSeconds { get; set; }
    public required string Text { get; set; }

    /// <summary>The rubric criterion the remark is about, if any (e.g. 教学设计).</summary>
    public string? Criterion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

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
