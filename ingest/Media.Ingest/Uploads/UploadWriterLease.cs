using Media.Ingest.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Media.Ingest.Uploads;

/// <summary>
/// One writer per upload, across every node: a writer takes a lease on the upload's own row (a conditional update, so
/// the database decides between two nodes racing) and renews it while it writes. A second PATCH, from this node or
/// another, is refused at once (409) instead of interleaving bytes. A node that dies holding a lease blocks the upload
/// only until the lease runs out; a writer that cannot renew stops writing before its lease can pass to another.
/// </summary>
internal sealed partial class UploadWriterLeases(IServiceScopeFactory scopes, IOptions<IngestOptions> options, TimeProvider time, ILogger<UploadWriterLeases> logger)
{
    /// <summary>A lease on <paramref name="uploadId"/>, or null while someone else holds one.</summary>
    public async Task<UploadWriterLease?> TryAcquireAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        var holder = Guid.NewGuid().ToString("N");
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<IngestDbContext>();
            var now = time.GetUtcNow();
            var taken = await db.Uploads
                .Where(u => u.Id == uploadId && (u.WriterLease == null || u.WriterLeaseExpiresAt < now))
                .ExecuteUpdateAsync(
                    set => set.SetProperty(u => u.WriterLease, holder).SetProperty(u => u.WriterLeaseExpiresAt, now + options.Value.WriterLease),
                    cancellationToken);
            if (taken == 0)
            {
                await scope.DisposeAsync();
                return null;
            }

            return new UploadWriterLease(this, scope, db, uploadId, holder);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    private TimeSpan Duration => options.Value.WriterLease;

    internal async Task<bool> RenewAsync(IngestDbContext db, Guid uploadId, string holder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.Uploads
            .Where(u => u.Id == uploadId && u.WriterLease == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.WriterLeaseExpiresAt, now + Duration), cancellationToken) == 1;
    }

    internal static Task ReleaseAsync(IngestDbContext db, Guid uploadId, string holder) =>
        db.Uploads
            .Where(u => u.Id == uploadId && u.WriterLease == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.WriterLease, (string?)null).SetProperty(u => u.WriterLeaseExpiresAt, (DateTimeOffset?)null));

    /// <summary>Renews every third of the lease; on a failed renewal the writer is told to stop (<see cref="UploadWriterLease.Lost"/>).</summary>
    internal async Task KeepAsync(IngestDbContext db, Guid uploadId, string holder, CancellationTokenSource lost, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Duration / 3, time, stop);
                if (!await RenewAsync(db, uploadId, holder, stop))
                {
                    LogLeaseLost(uploadId);
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogRenewFailed(e, uploadId);
            await lost.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Upload}: the writer's lease was taken over; the write stops")]
    private partial void LogLeaseLost(Guid upload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Upload}: the writer's lease could not be renewed; the write stops")]
    private partial void LogRenewFailed(Exception exception, Guid upload);
}

/// <summary>A held writer lease; disposing it stops renewing and frees the upload for the next writer.</summary>
internal sealed class UploadWriterLease : IAsyncDisposable
{
    private readonly UploadWriterLeases _leases;
    private readonly AsyncServiceScope _scope;
    private readonly IngestDbContext _db;
    private readonly Guid _uploadId;
    private readonly string _holder;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keeping;

    internal UploadWriterLease(UploadWriterLeases leases, AsyncServiceScope scope, IngestDbContext db, Guid uploadId, string holder)
    {
        _leases = leases;
        _scope = scope;
        _db = db;
        _uploadId = uploadId;
        _holder = holder;
        _keeping = leases.KeepAsync(db, uploadId, holder, _lost, _stop.Token);
    }

    /// <summary>Cancelled when the lease could not be renewed: whatever is being written must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keeping;
        try
        {
            await UploadWriterLeases.ReleaseAsync(_db, _uploadId, _holder);
        }
        finally
        {
            await _scope.DisposeAsync();
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}
