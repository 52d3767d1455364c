using Media.Platform.Data;
using Media.Review.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Data;

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
