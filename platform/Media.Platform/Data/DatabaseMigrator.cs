using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Media.Platform.Data;

/// <summary>Applies every module's migrations before the host serves requests.</summary>
internal sealed class DatabaseMigrator(
    IServiceProvider services,
    IEnumerable<ModuleDatabaseRegistration> modules,
    DatabaseReadiness readiness,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    // EF Core caches a context type's model per process, not per host, and two threads touching it first at once
    // can see it half-initialised ("The model must be finalized…"). Hosts sharing a process (tests, the CLI's
    // embedded server) therefore migrate one at a time; the migrator is the first to touch every model.
    private static readonly SemaphoreSlim FirstModelTouch = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await FirstModelTouch.WaitAsync(cancellationToken);
        try
        {
            await MigrateEveryModuleAsync(cancellationToken);
            readiness.MarkReady();
        }
        finally
        {
            FirstModelTouch.Release();
        }
    }

    private async Task MigrateEveryModuleAsync(CancellationToken cancellationToken)
    {
        foreach (var module in modules)
        {
            await using var scope = services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
            {
                throw new StartupException(
                    $"Database for module '{module.Schema}' at {db.Database.GetDbConnection().DataSource} cannot be used: {Describe(e)}", e);
            }

            logger.LogInformation("Database {Schema} is up to date", module.Schema);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Describe(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.ReplaceLineEndings(" ");
    }
}
