using Hangfire;
using Media.Platform.Events;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Transcoding.Data;

namespace Media.Transcoding.Jobs;

/// <summary>A clip is transcoded from its parent's source, limited to its time range. Idempotent.</summary>
internal sealed class TranscodeClip(TranscodingDbContext db, IBackgroundJobClient jobs, TimeProvider time) : IHandles<ClipRequested>
{
    public async Task HandleAsync(ClipRequested clip, CancellationToken cancellationToken)
    {
        if (await db.Transcodes.AnyAsync(t => t.LessonId == clip.ClipLessonId, cancellationToken))
        {
            return;
        }

        var parent = await db.Transcodes.AsNoTracking().FirstOrDefaultAsync(t => t.LessonId == clip.ParentLessonId, cancellationToken)
            ?? throw new InvalidOperationException($"Lesson {clip.ParentLessonId} has no source to cut a clip from.");
        db.Transcodes.Add(new LessonTranscode
        {
            LessonId = clip.ClipLessonId,
            OwnerId = clip.OwnerId,
            OrganisationId = parent.OrganisationId,
            SourceBlobKey = parent.SourceBlobKey,
            Source = parent.Source,
            ClipStartSeconds = clip.StartSeconds,
            ClipEndSeconds = clip.EndSeconds,
            State = TranscodeState.Queued,
            CreatedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<TranscodeJob>(job => job.RunAsync(clip.ClipLessonId, null, CancellationToken.None));
    }
}
