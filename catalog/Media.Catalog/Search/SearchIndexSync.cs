using Media.Catalog.Demo;
using Media.Catalog.Lessons;
using Media.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Media.Catalog.Data;

namespace Media.Catalog.Search;

/// <summary>
/// In the process that serves search: at start, adds the demo library to an empty catalog when asked and
/// rebuilds the index when it disagrees with the database (a new data folder, a lost index); then, in an API-only
/// process or one of several nodes on a PostgreSQL catalog, catches up every few seconds with lessons changed
/// elsewhere (a worker publishes lessons but never writes the index; another node writes only its own). A lone
/// all-in-one process indexes every change itself and needs no catching up.
/// </summary>
internal sealed partial class SearchIndexSync(
    IServiceScopeFactory scopes, IOptions<CatalogOptions> options, HostRoleAccessor host, IConfiguration configuration, TimeProvider time, ILogger<SearchIndexSync> logger)
    : IHostedService, IDisposable
{
    public static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private DateTimeOffset _watermark;
    private Task? _loop;
    private bool _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _watermark = time.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (options.Value.DemoLessons > 0)
            {
                await scope.ServiceProvider.GetRequiredService<DemoLibrary>().AddToEmptyCatalogAsync(options.Value.DemoLessons, cancellationToken);
            }

            var indexer = scope.ServiceProvider.GetRequiredService<LessonIndexer>();
            var index = scope.ServiceProvider.GetRequiredService<ILessonIndex>();
            var published = await indexer.PublishedCountAsync(cancellationToken);
            var indexed = await index.CountAsync(cancellationToken);
            if (published != indexed)
            {
                LogRebuilding(published, indexed);
                LogRebuilt(await indexer.RebuildAsync(cancellationToken));
            }
        }

        // Catching up is needed wherever lessons change in other processes: beside a worker, and beside other nodes
        // serving search from a shared PostgreSQL catalog (each node keeps a Lucene index of its own).
        var sharedCatalog = Platform.Data.ModuleDatabase.ReadOptions(configuration).Provider == Platform.Data.DatabaseOptions.PostgreSql;
        if (host.Role == HostRole.Api || (host.Role == HostRole.All && sharedCatalog))
        {
            _loop = CatchUpLoopAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host torn down in tests may stop its services after disposing them; there is nothing left to stop then.
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _stopping.Dispose();
    }


    private async Task CatchUpLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(CatchUpInterval, time);
        while (await NextTickAsync(timer, stopping))
        {
            try
            {
                await CatchUpAsync(stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCatchUpFailed(e);
            }
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var indexer = scope.ServiceProvider.GetRequiredService<LessonIndexer>();
        // A little overlap: a transaction that committed late may carry an earlier timestamp.
        var since = _watermark - TimeSpan.FromSeconds(10);
        var now = time.GetUtcNow();
        var changed = await db.Lessons.AsNoTracking().Where(l => l.UpdatedAt > since).Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var id in changed)
        {
            await indexer.RefreshAsync(id, cancellationToken);
        }

        _watermark = now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index holds {Indexed} lessons, the catalog {Published} published ones: rebuilding")]
    private partial void LogRebuilding(int published, long indexed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuilt with {Count} lessons")]
    private partial void LogRebuilt(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index catch-up failed; retrying")]
    private partial void LogCatchUpFailed(Exception exception);
}
