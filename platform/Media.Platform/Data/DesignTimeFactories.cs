using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Media.Platform.Data;

/// <summary>
/// What `dotnet ef migrations add` needs to build a module's SQLite context; the host configures the real
/// connection. A module declares one closed subclass per context.
/// </summary>
public abstract class SqliteDesignFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        (TContext)Activator.CreateInstance(typeof(TContext), new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design.db").Options)!;
}

/// <summary>The PostgreSQL counterpart of <see cref="SqliteDesignFactory{TContext}"/>, with the module's own history table.</summary>
public abstract class PostgresDesignFactory<TContext>(string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        (TContext)Activator.CreateInstance(typeof(TContext), new DbContextOptionsBuilder<TContext>()
            .UseNpgsql("Host=localhost", o => o.MigrationsHistoryTable("__EFMigrationsHistory", schema)).Options)!;
}
