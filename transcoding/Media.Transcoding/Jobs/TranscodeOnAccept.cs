using Hangfire;
using Media.Ingest.Contracts;
using Media.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Media.Transcoding.Data;

namespace Media.Transcoding.Jobs;

/// <summary>An accepted upload is queued for transcoding. Idempotent: a repeated event re-enqueues only unfinished work.</summary>
internal sealed class TranscodeOnAccept(TranscodingDbContext db, IBackgroundJobClient jobs, TimeProvider time) : IHandles<MediaAccepted>
{
    public async Task HandleAsync(MediaAccepted accepted, CancellationToken cancellationToken)
    {
        var existing = await db.Transcodes.FirstOrDefaultAsync(t => t.LessonId == accepted.LessonId, cancellationToken);
        if (existing is { State: TranscodeState.Published or TranscodeState.Failed })
        {
            return;
        }

        if (existing is null)
        {
            db.Transcodes.Add(new LessonTranscode
            {
                LessonId = accepted.LessonId,
                OwnerId = accepted.OwnerId,
                OrganisationId = accepted.OrganisationId,
                SourceBlobKey = accepted.SourceBlobKey,
                Source = accepted.Media,
                State = TranscodeState.Queued,
                CreatedAt = time.GetUtcNow(),
                UpdatedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        jobs.Enqueue<TranscodeJob>(job => job.RunAsync(accepted.LessonId, null, CancellationToken.None));
    }
}
