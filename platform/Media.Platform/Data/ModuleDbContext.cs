using Media.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Media.Platform.Data;

/// <summary>
/// The base of every module's DbContext: each module owns its schema on PostgreSQL and its own file on SQLite,
/// so no module can join another module's tables.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The module's schema name on PostgreSQL and file name on SQLite.</summary>
    protected abstract string Schema { get; }

    /// <summary>Events published into this context and not yet saved; delivered here once the save commits.</summary>
    internal List<OutboxEvent> PublishedHere { get; } = [];

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        if (Database.IsNpgsql())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        // Every module's events leave through its own outbox, saved with the change they announce.
        OutboxModel.Configure(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks so both providers sort the same way.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToTicksConverter>();
        }
    }
}
