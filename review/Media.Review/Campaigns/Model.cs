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

    /// <summary>When each level's review runs: teachers submit to the first level inside its window; reviewers score at a level inside its window.</summary>
    public Dictionary<string, LevelWindow> Windows { get; set; } = [];

    /// <summary>Materials a submission must carry besides the video (default 教学设计 and 课件).</summary>
    public List<string> RequiredDocuments { get; set; } = [DocumentKinds.Design, DocumentKinds.Courseware];

    /// <summary>Lessons awarded at this level or above are opened to the public; none when null.</summary>
    public ReviewLevel? PublicFrom { get; set; }

    /// <summary>Public notice periods (公示) started per level and region, during which teachers may appeal.</summary>
    public List<Notice> Notices { get; set; } = [];

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

/// <summary>A level's published results in a region (all regions when null): who won, in rank order.</summary>
public sealed record PublishedLevel(string Level, DateTimeOffset PublishedAt, List<Guid> Awarded, List<Guid> Ranked, Guid? Region = null);

/// <summary>When a level's review runs; either end may be open.</summary>
public sealed record LevelWindow(DateTimeOffset? Opens, DateTimeOffset? Closes)
{
    public bool Contains(DateTimeOffset moment) => (Opens is null || moment >= Opens) && (Closes is null || moment < Closes);
}

/// <summary>A public notice (公示) of a level's provisional results in a region (all regions when null).</summary>
public sealed record Notice(string Level, Guid? Region, DateTimeOffset StartedAt, DateTimeOffset EndsAt);

/// <summary>The materials of a submission besides the video, with the names teachers know.</summary>
public static class DocumentKinds
{
    public const string Design = "design";
    public const string Courseware = "courseware";
    public const string Worksheet = "worksheet";
    public const string Assessment = "assessment";

    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>
    {
        [Design] = "教学设计", [Courseware] = "课件", [Worksheet] = "学案", [Assessment] = "评测练习",
    };
}

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

    /// <summary>Where the uploaded video lies, for the fingerprint; null for lessons recorded before it was kept.</summary>
    public string? SourceBlobKey { get; set; }

    /// <summary>Perceptual hashes (dHash) of frames sampled evenly through the video, hex; null until computed.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>Another submitted lesson whose video looks the same (re-submitted or copied), and how alike they are (0–1).</summary>
    public Guid? SimilarTo { get; set; }
    public double? Similarity { get; set; }
}

internal enum SubmissionState
{
    Submitted = 0,
    InReview = 1,
    Scored = 2,
    Withdrawn = 3,
    NotPromoted = 4,
    Awarded = 5,

    /// <summary>Created, materials being added; not yet handed in.</summary>
    Draft = 6,
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

    /// <summary>The level admin's score for a disputed entry at its current level, which replaces the reviewers' aggregate.</summary>
    public double? ArbitratedScore { get; set; }
    public string? ArbitrationReason { get; set; }
}

/// <summary>A teacher's material for a submission (教学设计, 课件 …), stored as a blob.</summary>
internal sealed class SubmissionDocument
{
    public Guid Id { get; set; }
    public Guid SubmissionId { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string BlobKey { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A reviewer enrolled in a campaign's expert pool, for the subjects and levels they judge (all when empty).</summary>
internal sealed class CampaignReviewer
{
    public Guid CampaignId { get; set; }
    public Guid ReviewerId { get; set; }
    public List<string> Subjects { get; set; } = [];
    public List<ReviewLevel> Levels { get; set; } = [];
}

internal enum AppealOutcome
{
    Open = 0,
    Upheld = 1,
    Dismissed = 2,
}

/// <summary>A teacher's appeal against a level's provisional results during the public notice, and the level admin's decision.</summary>
internal sealed class Appeal
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid SubmissionId { get; set; }
    public ReviewLevel Level { get; set; }
    public Guid TeacherId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public AppealOutcome Outcome { get; set; }
    public string? Resolution { get; set; }
    public Guid? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>How many lessons a region or school is asked to submit, or what share of its teachers.</summary>
internal sealed class ParticipationTarget
{
    public Guid CampaignId { get; set; }
    public Guid OrganisationId { get; set; }
    public int? Submissions { get; set; }
    public double? TeacherShare { get; set; }
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

    /// <summary>The reviewer declined the entry (conflict, expertise, time); another reviewer took it over.</summary>
    public DateTimeOffset? DeclinedAt { get; set; }
    public string? DeclineReason { get; set; }
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
    public DbSet<SubmissionDocument> Documents => Set<SubmissionDocument>();
    public DbSet<CampaignReviewer> Reviewers => Set<CampaignReviewer>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<ParticipationTarget> Targets => Set<ParticipationTarget>();

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
            e.Property(c => c.Windows).HasJsonConversion();
            e.Property(c => c.RequiredDocuments).HasJsonConversion();
            e.Property(c => c.Notices).HasJsonConversion();
        });
        modelBuilder.Entity<SubmissionDocument>(e =>
        {
            e.ToTable("documents");
            e.Property(d => d.Kind).HasMaxLength(20);
            e.Property(d => d.FileName).HasMaxLength(255);
            e.Property(d => d.ContentType).HasMaxLength(100);
            e.Property(d => d.BlobKey).HasMaxLength(300);
            e.HasIndex(d => new { d.SubmissionId, d.Kind }).IsUnique();
        });
        modelBuilder.Entity<CampaignReviewer>(e =>
        {
            e.ToTable("campaign_reviewers");
            e.HasKey(r => new { r.CampaignId, r.ReviewerId });
            e.Property(r => r.Subjects).HasJsonConversion();
            e.Property(r => r.Levels).HasJsonConversion();
        });
        modelBuilder.Entity<Appeal>(e =>
        {
            e.ToTable("appeals");
            e.Property(a => a.Reason).HasMaxLength(2000);
            e.Property(a => a.Resolution).HasMaxLength(2000);
            e.HasIndex(a => new { a.CampaignId, a.Level, a.Outcome });
            e.HasIndex(a => a.SubmissionId);
        });
        modelBuilder.Entity<ParticipationTarget>(e =>
        {
            e.ToTable("targets");
            e.HasKey(t => new { t.CampaignId, t.OrganisationId });
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
            e.Property(l => l.SourceBlobKey).HasMaxLength(300);
            e.Property(l => l.Fingerprint).HasMaxLength(1024);
        });
        modelBuilder.Entity<Submission>(e =>
        {
            e.ToTable("submissions");
            e.HasIndex(s => new { s.CampaignId, s.LessonId }).IsUnique();
            e.HasIndex(s => new { s.CampaignId, s.Level, s.State });
            e.Property(s => s.ArbitrationReason).HasMaxLength(2000);
        });
        modelBuilder.Entity<Assignment>(e =>
        {
            e.ToTable("assignments");
            e.Property(a => a.Scores).HasJsonConversion();
            e.Property(a => a.Comment).HasMaxLength(4000);
            e.Property(a => a.DeclineReason).HasMaxLength(1000);
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
