using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Media.Platform.Events;

/// <summary>
/// Delivers what publishers saved in their outboxes: right after the save in the publishing process, and in every
/// process a loop that takes over whatever is due (failed earlier, or left behind by a process that died). On
/// PostgreSQL a batch is claimed with <c>FOR UPDATE SKIP LOCKED</c>, so with several processes each delivery is
/// taken by one of them; SQLite has one process, and a conditional update claims there.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabaseRegistration> modules,
    EventSubscriptions subscriptions,
    DatabaseReadiness readiness,
    TimeProvider time,
    IOptions<EventOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly ModuleDatabaseRegistration[] _modules = modules.ToArray();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private DateTimeOffset _nextCleanup;

    /// <summary>Looks for due deliveries now instead of at the next poll (after a replay).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken twice at once: one wake is enough.
            }
        }
    }

    /// <summary>Delivers events its context has just saved; a failure is recorded for a retry and never reaches the publisher.</summary>
    internal async Task DeliverSavedAsync(ModuleDbContext db, IReadOnlyList<OutboxEvent> saved)
    {
        var module = ModuleOf(db);
        foreach (var message in saved)
        {
            foreach (var delivery in message.Deliveries)
            {
                // Not the request's token: the change is stored, and an aborted request must not leave other modules behind.
                await DeliverAsync(module, delivery.Id, message.Type, message.Payload, delivery.Subscriber, delivery.Attempts, lifetime.ApplicationStopping);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            foreach (var module in _modules)
            {
                try
                {
                    busy |= await DeliverDueAsync(module, stoppingToken) == options.Value.BatchSize;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPassFailed(e, module.Schema);
                }
            }

            await CleanUpAsync(stoppingToken);
            if (!busy)
            {
                await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims a batch of due deliveries of one module and delivers them; returns how many it claimed.</summary>
    internal async Task<int> DeliverDueAsync(ModuleDatabaseRegistration module, CancellationToken cancellationToken)
    {
        List<OutboxDelivery> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var ids = await ClaimAsync(db, module.Schema, cancellationToken);
            if (ids.Count == 0)
            {
                return 0;
            }

            claimed = await db.Set<OutboxDelivery>().AsNoTracking().Include(d => d.Event)
                .Where(d => ids.Contains(d.Id)).OrderBy(d => d.NextAttemptAt).ToListAsync(cancellationToken);
        }

        foreach (var delivery in claimed)
        {
            await DeliverAsync(module, delivery.Id, delivery.Event.Type, delivery.Event.Payload, delivery.Subscriber, delivery.Attempts, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task<List<Guid>> ClaimAsync(ModuleDbContext db, string schema, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.Lease;
        var take = options.Value.BatchSize;
        if (db.Database.IsNpgsql())
        {
            var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, """
                UPDATE "{0}"."{1}" SET "NextAttemptAt" = {{0}}
                WHERE "Id" IN (SELECT "Id" FROM "{0}"."{1}"
                    WHERE "DeliveredAt" IS NULL AND "GaveUpAt" IS NULL AND "NextAttemptAt" <= {{1}}
                    ORDER BY "NextAttemptAt" LIMIT {{2}} FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """, schema, OutboxModel.DeliveriesTable);
            return await db.Database.SqlQueryRaw<Guid>(sql, until, now, take).ToListAsync(cancellationToken);
        }

        var due = await db.Set<OutboxDelivery>().AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(take).Select(d => new { d.Id, d.NextAttemptAt }).ToListAsync(cancellationToken);
        var ids = new List<Guid>(due.Count);
        foreach (var candidate in due)
        {
            var taken = await db.Set<OutboxDelivery>()
                .Where(d => d.Id == candidate.Id && d.NextAttemptAt == candidate.NextAttemptAt && d.DeliveredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, until), cancellationToken);
            if (taken == 1)
            {
                ids.Add(candidate.Id);
            }
        }

        return ids;
    }

    private async Task DeliverAsync(ModuleDatabaseRegistration module, Guid deliveryId, string eventType, string payload, string subscriber, int attemptsBefore, CancellationToken cancellationToken)
    {
        string? error = null;
        if (subscriptions.Find(eventType, subscriber) is not { } subscription)
        {
            // Another version of the product may still know it: keep it until replayed or given up.
            error = $"No handler {subscriber} for {eventType} in this process.";
        }
        else
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await subscription.DeliverAsync(scope.ServiceProvider, payload, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = $"{e.GetType().Name}: {e.Message}";
                LogDeliveryFailed(e, ShortName(eventType), ShortName(subscriber), attemptsBefore + 1);
            }
        }

        await RecordAsync(module, deliveryId, attemptsBefore + 1, error);
    }

    private async Task RecordAsync(ModuleDatabaseRegistration module, Guid deliveryId, int attempts, string? error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        var now = time.GetUtcNow();
        var deliveries = db.Set<OutboxDelivery>().Where(d => d.Id == deliveryId);
        if (error is null)
        {
            await deliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.DeliveredAt, now).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastError, (string?)null));
            return;
        }

        error = error.Length > 4000 ? error[..4000] : error;
        if (attempts >= options.Value.MaxAttempts)
        {
            await deliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.GaveUpAt, now).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastError, error));
            LogGaveUp(deliveryId, module.Schema, attempts);
            return;
        }

        await deliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now + RetryDelay(attempts)).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastError, error));
    }

    /// <summary>The wait after the n-th failure: doubling from <see cref="EventOptions.RetryDelay"/>, at most <see cref="EventOptions.MaxRetryDelay"/>.</summary>
    internal TimeSpan RetryDelay(int failures)
    {
        var delay = options.Value.RetryDelay * Math.Pow(2, Math.Min(failures - 1, 30));
        return delay < options.Value.MaxRetryDelay ? delay : options.Value.MaxRetryDelay;
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextCleanup)
        {
            return;
        }

        _nextCleanup = now + TimeSpan.FromHours(1);
        var cutoff = now - options.Value.KeepDelivered;
        foreach (var module in _modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            await db.Set<OutboxDelivery>().Where(d => d.Event.OccurredAt < cutoff && !d.Event.Deliveries.Any(x => x.DeliveredAt == null)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<OutboxEvent>().Where(e => e.OccurredAt < cutoff && !e.Deliveries.Any()).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private ModuleDatabaseRegistration ModuleOf(ModuleDbContext db) =>
        _modules.FirstOrDefault(m => m.ContextType.IsInstanceOfType(db))
        ?? throw new InvalidOperationException($"{db.GetType().Name} is not a registered module database.");

    internal static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {EventType} to {Subscriber} failed (attempt {Attempt}); it will be retried")]
    private partial void LogDeliveryFailed(Exception exception, string eventType, string subscriber, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up delivering event {DeliveryId} in {Module} after {Attempts} attempts; replay it from /api/admin/events")]
    private partial void LogGaveUp(Guid deliveryId, string module, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox pass over {Module} failed")]
    private partial void LogPassFailed(Exception exception, string module);
}

/// <summary>Hands what a module context has just saved to the dispatcher.</summary>
internal sealed class OutboxSaveInterceptor(IServiceProvider services) : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is ModuleDbContext { PublishedHere.Count: > 0 } db)
        {
            // Saved ones are tracked as unchanged now; one dropped from the tracker (a failed save cleared) was never stored.
            var saved = db.PublishedHere.Where(e => db.Entry(e).State == EntityState.Unchanged).ToList();
            db.PublishedHere.Clear();
            await services.GetRequiredService<OutboxDispatcher>().DeliverSavedAsync(db, saved);
        }

        return result;
    }

    public override int SavedChanges(Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is ModuleDbContext { PublishedHere.Count: > 0 } db)
        {
            // A synchronous save cannot wait for handlers: the dispatcher takes these over once their lease ends.
            db.PublishedHere.Clear();
        }

        return result;
    }
}
