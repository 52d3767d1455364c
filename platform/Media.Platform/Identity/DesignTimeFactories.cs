using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Media.Platform.Identity;

// Used only by `dotnet ef migrations add`; the host configures the real connections.
internal sealed class SqliteIdentityDesignFactory : IDesignTimeDbContextFactory<SqliteIdentityDbContext>
{
    public SqliteIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIdentityDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresIdentityDesignFactory : IDesignTimeDbContextFactory<PostgresIdentityDbContext>
{
    public PostgresIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIdentityDbContext>()
            .UseNpgsql("Host=localhost", o => o.MigrationsHistoryTable("__EFMigrationsHistory", IdentityDbContext.SchemaName)).Options);
}
