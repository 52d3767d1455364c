using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Media.Platform.Data;

/// <summary>A row that one worker at a time may hold, across every node: who holds it and until when.</summary>
public interface ILeasedRow
{
    string? WriterLease { get; set; }

    DateTimeOffset? WriterLeaseExpiresAt { get; set; }
}

/// <summary>
/// One worker per row, across every node: a worker takes a lease on the row itself (a conditional update, so the
/// database decides between two nodes racing) and renews it every third of its length while it works. A worker that
/// dies holding a lease blocks the row only until the lease runs out; one that cannot renew is told to stop
/// (<see cref="RowLease.Lost"/>) before its lease can pass to another.
/// </summary>
public sealed partial class RowLeases(IServiceScopeFactory scopes, TimeProvider time, ILogger<RowLeases> logger)
{
    /// <summary>
    /// A lease on the row <paramref name="rows"/> selects (from a context of its own, so that renewing never races
    /// the caller's context), or null while someone else holds one.
    /// </summary>
    public async Task<RowLease?> TryAcquireAsync<TContext, TRow>(Func<TContext, IQueryable<TRow>> rows, TimeSpan duration, string what, CancellationToken cancellationToken)
        where TContext : DbContext
        where TRow : class, ILeasedRow
    {
        ArgumentNullException.ThrowIfNull(rows);
        var holder = Guid.NewGuid().ToString("N");
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var now = time.GetUtcNow();
            var taken = await rows(db)
                .Where(r => r.WriterLease == null || r.WriterLeaseExpiresAt < now)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.WriterLease, holder).SetProperty(r => r.WriterLeaseExpiresAt, now + duration), cancellationToken);
            if (taken == 0)
            {
                await scope.DisposeAsync();
                return null;
            }

            var lease = new RowLease(scope, what);
            lease.Start(
                renew: async stop => await rows(db).Where(r => r.WriterLease == holder)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.WriterLeaseExpiresAt, time.GetUtcNow() + duration), stop) == 1,
                release: () => rows(db).Where(r => r.WriterLease == holder)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.WriterLease, (string?)null).SetProperty(r => r.WriterLeaseExpiresAt, (DateTimeOffset?)null)),
                every: duration / 3, time, this);
            return lease;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    internal void Lost(string what) => LogLeaseLost(what);

    internal void RenewFailed(Exception exception, string what) => LogRenewFailed(exception, what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What}: the lease was taken over; the work stops")]
    private partial void LogLeaseLost(string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What}: the lease could not be renewed; the work stops")]
    private partial void LogRenewFailed(Exception exception, string what);
}

/// <summary>A held lease; disposing it stops renewing and frees the row for the next worker.</summary>
public sealed class RowLease : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly string _what;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Func<Task<int>> _release = () => Task.FromResult(0);
    private Task _keeping = Task.CompletedTask;

    internal RowLease(AsyncServiceScope scope, string what)
    {
        _scope = scope;
        _what = what;
    }

    /// <summary>Cancelled when the lease could not be renewed: whatever is being done under it must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    internal void Start(Func<CancellationToken, Task<bool>> renew, Func<Task<int>> release, TimeSpan every, TimeProvider time, RowLeases log)
    {
        _release = release;
        _keeping = KeepAsync(renew, every, time, log, _stop.Token);
    }

    private async Task KeepAsync(Func<CancellationToken, Task<bool>> renew, TimeSpan every, TimeProvider time, RowLeases log, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, time, stop);
                if (!await renew(stop))
                {
                    log.Lost(_what);
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            log.RenewFailed(e, _what);
            await _lost.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keeping;
        try
        {
            await _release();
        }
        finally
        {
            await _scope.DisposeAsync();
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}
