using System.Threading.Channels;
using Media.Ingest.Contracts;
using Media.Ingest.Validation;
using Media.Platform.Events;
using Media.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Media.Ingest.Data;

namespace Media.Ingest.Uploads;

/// <summary>Completed uploads waiting to be validated, in arrival order.</summary>
internal sealed class ValidationQueue
{
    private readonly Channel<Guid> _pending = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid uploadId) => _pending.Writer.TryWrite(uploadId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _pending.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>
/// Validates completed uploads one at a time (ffprobe needs a core; uploads keep arriving meanwhile), then
/// accepts them as a lesson, links duplicates, or rejects them with the reason. Uploads left validating by a
/// crash are picked up again at start; every step is safe to repeat.
/// </summary>
internal sealed class UploadValidationService(
    IServiceScopeFactory scopes,
    ValidationQueue queue,
    ILogger<UploadValidationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IngestDbContext>();
            foreach (var id in await db.Uploads.Where(u => u.State == UploadState.Validating).Select(u => u.Id).ToListAsync(stoppingToken))
            {
                queue.Enqueue(id);
            }
        }

        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ValidateAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Left in "validating": the next start tries again. The error is ours, not the teacher's file's.
                logger.LogError(e, "Validating upload {Upload} failed; it will be retried at the next start", id);
            }
        }
    }

    private async Task ValidateAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IngestDbContext>();
        var store = services.GetRequiredService<IBlobStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var upload = await db.Uploads.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (upload is not { State: UploadState.Validating })
        {
            return;
        }

        ValidationOutcome outcome;
        using (var local = await store.GetLocalFileAsync(upload.BlobKey, cancellationToken))
        {
            outcome = await services.GetRequiredService<MediaValidator>().ValidateAsync(local.Path, cancellationToken);
        }

        if (outcome.Media is null)
        {
            upload.State = UploadState.Rejected;
            upload.Error = outcome.Rejection!.Reason;
            upload.ErrorCode = outcome.Rejection.Code;
            await store.DeleteAsync(upload.BlobKey, cancellationToken);
            logger.LogInformation("Upload {Upload} rejected ({Code}): {Reason}", id, outcome.Rejection.Code, outcome.Rejection.Reason);
        }
        else
        {
            var known = await db.AcceptedMedia.FirstOrDefaultAsync(m => m.Sha256 == upload.Sha256, cancellationToken);
            if (known is not null && known.UploadId != upload.Id)
            {
                upload.LessonId = known.LessonId;
                await store.DeleteAsync(upload.BlobKey, cancellationToken);
                logger.LogInformation("Upload {Upload} is a copy of lesson {Lesson}", id, known.LessonId);
            }
            else
            {
                if (known is null)
                {
                    known = new AcceptedMedia { Sha256 = upload.Sha256!, LessonId = Guid.CreateVersion7(), UploadId = upload.Id, AcceptedAt = time.GetUtcNow() };
                    db.AcceptedMedia.Add(known);
                }

                // Stored with the accepted media and delivered before the upload reports its lesson, so that a client
                // reading lessonId finds the lesson draft. A crash in between validates again and publishes again (idempotent).
                services.GetRequiredService<DomainEvents>().Publish(db, new MediaAccepted(
                    known.LessonId, upload.OwnerId, upload.OrganisationId, upload.BlobKey, upload.Sha256!, upload.Length, outcome.Media, upload.Metadata));
                await db.SaveChangesAsync(cancellationToken);
                upload.LessonId = known.LessonId;
            }

            upload.State = UploadState.Accepted;
        }

        upload.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await services.GetRequiredService<UploadNotifier>().ChangedAsync(upload);
    }
}
