using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Platform.Identity;

/// <summary>Users, roles and organisations (schema <c>identity</c>).</summary>
public class IdentityDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "identity";

    protected override string Schema => SchemaName;

    public DbSet<User> Users => Set<User>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Admin.AdminAuditEntry> AuditEntries => Set<Admin.AdminAuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.Property(o => o.Name).HasMaxLength(200);
            e.HasIndex(o => new { o.ParentId, o.Name }).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.Property(o => o.Code).HasMaxLength(50);
            e.HasIndex(o => o.Code).IsUnique();
        });
        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.UserName).HasMaxLength(100);
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasIndex(u => u.UserName).IsUnique();
            e.Property(u => u.ExternalId).HasMaxLength(50);
            e.HasIndex(u => u.ExternalId).IsUnique();
            e.Property(u => u.Title).HasMaxLength(50);
            e.Property(u => u.SecurityStamp).HasMaxLength(32);
            e.HasIndex(u => u.OrganisationId);
            e.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(u => u.Memberships).WithOne().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Membership>(e =>
        {
            e.ToTable("memberships");
            e.Property(m => m.Kind).HasMaxLength(20);
            e.Property(m => m.Subject).HasMaxLength(50);
            e.Property(m => m.Level).HasMaxLength(20);
            e.HasIndex(m => m.UserId);
            e.HasIndex(m => new { m.OrganisationId, m.Kind });
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Admin.AdminAuditEntry>(e =>
        {
            e.ToTable("admin_audit");
            e.Property(a => a.ActorName).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.Target).HasMaxLength(100);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.HasIndex(a => a.At);
        });
        modelBuilder.Entity<UserRole>(e =>
        {
            e.ToTable("user_roles");
            e.HasKey(r => new { r.UserId, r.Role });
            e.Property(r => r.Role).HasMaxLength(50);
        });
    }
}

/// <summary>Carries the SQLite migrations.</summary>
public sealed class SqliteIdentityDbContext(DbContextOptions<SqliteIdentityDbContext> options) : IdentityDbContext(options);

/// <summary>Carries the PostgreSQL migrations.</summary>
public sealed class PostgresIdentityDbContext(DbContextOptions<PostgresIdentityDbContext> options) : IdentityDbContext(options);
