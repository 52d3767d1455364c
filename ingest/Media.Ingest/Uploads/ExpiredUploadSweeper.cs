using Media.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Media.Ingest.Data;

namespace Media.Ingest.Uploads;

/// <summary>Hourly job: frees the storage of uploads that expired unfinished (their tus URLs then answer 410).</summary>
internal sealed class ExpiredUploadSweeper(IServiceScopeFactory scopes, ILogger<ExpiredUploadSweeper> logger)
{
    public const string JobId = "ingest:expired-uploads";

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IngestDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var expired = await db.Uploads.Where(u => u.State == UploadState.Receiving && u.ExpiresAt <= now && !u.BytesDiscarded).ToListAsync(cancellationToken);
        foreach (var upload in expired)
        {
            await store.DeleteAsync(upload.BlobKey, cancellationToken);
            // The row stays so that the upload's URL answers 410 Gone rather than 404.
            upload.BytesDiscarded = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (expired.Count > 0)
        {
            logger.LogInformation("Discarded {Count} expired unfinished uploads", expired.Count);
        }
    }
}
