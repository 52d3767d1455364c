using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>A yearly review campaign (一师一优课): levels, a rubric, how many reviewers score each entry, and the technical standard.</summary>
internal sealed class Campaign
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
    public List<ReviewLevel> Levels { get; set; } = [];
    public List<Criterion> Rubric { get; set; } = [];
    public int ReviewersPerEntry { get; set; } = 3;

    /// <summary>Reviewers whose totals differ by more than this flag the entry for arbitration.</summary>
    public double DisagreementThreshold { get; set; } = 15;

    public TechnicalStandard Standard { get; set; } = new();

    /// <summary>Who goes up a level: at most this share of each region's entries (at least one), and at most a count per region.</summary>
    public PromotionRule Promotion { get; set; } = new();

    /// <summary>Continuing-education hours credited per award level (校级 … 部级).</summary>
    public Dictionary<string, double> Hours { get; set; } = new() { ["school"] = 2, ["county"] = 4, ["city"] = 6, ["province"] = 8, ["ministry"] = 10 };

    /// <summary>Levels whose results are published, with the ranked list as published: immutable.</summary>
    public List<PublishedLevel> Published { get; set; } = [];
    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal enum ReviewLevel
{
    School = 0,
    County = 1,
    City = 2,
    Province = 3,
    Ministry = 4,
}

/// <summary>One rubric line: its name (教学设计) and its weight, which is also the most points it gives.</summary>
public sealed record Criterion(string Name, int Weight, string? Descriptor = null);

/// <param name="Share">The largest share of a region's entries that go up (e.g. 0.3); every region sends at least one.</param>
/// <param name="MaxPerRegion">The most entries one region sends up (e.g. 800 per province), or none.</param>
public sealed record PromotionRule(double Share = 0.3, int? MaxPerRegion = null);

/// <summary>A level's published results: who won, in rank order.</summary>
public sealed record PublishedLevel(string Level, DateTimeOffset PublishedAt, List<Guid> Awarded, List<Guid> Ranked);

/// <summary>The published 一师一优课 technical rules, adjustable per campaign.</summary>
public sealed record TechnicalStandard(
    double MinMinutes = 30, double MaxMinutes = 45, int MinWidth = 720, int MinHeight = 576, int MinKbps = 512,
    string VideoCodec = "h264", string AudioCodec = "aac");

/// <summary>What the review module knows about a lesson video: its facts from ingest and what the teacher said.</summary>
internal sealed class LessonMedia
{
    public Guid LessonId { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? OrganisationId { get; set; }
    public double DurationSeconds { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long BitRate { get; set; }
    public required string VideoCodec { get; set; }
    public string? AudioCodec { get; set; }
    public string Title { get; set; } = "";
    public string? Stage { get; set; }
    public string? Grade { get; set; }
    public string? Subject { get; set; }
    public string? Edition { get; set; }
    public string? Lesson { get; set; }
}

internal enum SubmissionState
{
    Submitted = 0,
    InReview = 1,
    Scored = 2,
    Withdrawn = 3,
    NotPromoted = 4,
    Awarded = 5,
}

internal sealed class Submission
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid LessonId { get; set; }
    public Guid TeacherId { get; set; }
    public Guid? SchoolId { get; set; }
    public ReviewLevel Level { get; set; }
    public SubmissionState State { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The highest award won so far (school … ministry), if any.</summary>
    public ReviewLevel? Award { get; set; }
}

/// <summary>Continuing-education hours credited to a teacher for an award.</summary>
internal sealed class Certificate
{
    public Guid Id { get; set; }
    public Guid TeacherId { get; set; }
    public Guid CampaignId { get; set; }
    public Guid LessonId { get; set; }
    public ReviewLevel Level { get; set; }
    public double Hours { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}

internal sealed class Assignment
{
    public Guid Id { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid ReviewerId { get; set; }
    public ReviewLevel Level { get; set; }
    public Dictionary<string, double> Scores { get; set; } = [];
    public string? Comment { get; set; }
    public bool Final { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
}

/// <summary>Who did what to a submission, when: the audit trail reviews are judged by.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid ActorId { get; set; }
    public required string Action { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>Campaigns, submissions, assignments and scores (schema <c>review</c>).</summary>
internal class ReviewDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "review";

    protected override string Schema => SchemaName;

    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<LessonMedia> Lessons => Set<LessonMedia>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<Certificate> Certificates => Set<Certificate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Campaign>(e =>
        {
            e.ToTable("campaigns");
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Levels).HasJsonConversion();
            e.Property(c => c.Rubric).HasJsonConversion();
            e.Property(c => c.Standard).HasJsonConversion();
            e.Property(c => c.Promotion).HasJsonConversion();
            e.Property(c => c.Hours).HasJsonConversion();
            e.Property(c => c.Published).HasJsonConversion();
        });
        modelBuilder.Entity<Certificate>(e =>
        {
            e.ToTable("certificates");
            e.HasIndex(c => c.TeacherId);
            e.HasIndex(c => new { c.CampaignId, c.LessonId, c.Level }).IsUnique();
        });
        modelBuilder.Entity<LessonMedia>(e =>
        {
            e.ToTable("lesson_media");
            e.HasKey(l => l.LessonId);
            e.Property(l => l.VideoCodec).HasMaxLength(40);
            e.Property(l => l.AudioCodec).HasMaxLength(40);
            e.Property(l => l.Title).HasMaxLength(300);
        });
        modelBuilder.Entity<Submission>(e =>
        {
            e.ToTable("submissions");
            e.HasIndex(s => new { s.CampaignId, s.LessonId }).IsUnique();
            e.HasIndex(s => new { s.CampaignId, s.Level, s.State });
        });
        modelBuilder.Entity<Assignment>(e =>
        {
            e.ToTable("assignments");
            e.Property(a => a.Scores).HasJsonConversion();
            e.Property(a => a.Comment).HasMaxLength(4000);
            e.HasIndex(a => new { a.ReviewerId, a.Final });
            e.HasIndex(a => a.SubmissionId);
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit");
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.HasIndex(a => a.SubmissionId);
        });
    }
}

internal sealed class SqliteReviewDbContext(DbContextOptions<SqliteReviewDbContext> options) : ReviewDbContext(options);

internal sealed class PostgresReviewDbContext(DbContextOptions<PostgresReviewDbContext> options) : ReviewDbContext(options);

internal sealed class SqliteReviewDesignFactory : SqliteDesignFactory<SqliteReviewDbContext>;

internal sealed class PostgresReviewDesignFactory() : PostgresDesignFactory<PostgresReviewDbContext>(ReviewDbContext.SchemaName);
