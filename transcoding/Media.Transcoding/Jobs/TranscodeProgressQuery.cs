using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Transcoding.Data;

namespace Media.Transcoding.Jobs;

internal sealed class TranscodeProgressQuery(TranscodingDbContext db) : ITranscodeProgress
{
    public async Task<TranscodeSnapshot?> FindAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        var t = await db.Transcodes.AsNoTracking().FirstOrDefaultAsync(t => t.LessonId == lessonId, cancellationToken);
        return t is null ? null : new TranscodeSnapshot(lessonId, t.State switch
        {
            TranscodeState.Running => TranscodeStage.Processing,
            TranscodeState.Published => TranscodeStage.Published,
            TranscodeState.Failed => TranscodeStage.Failed,
            _ => TranscodeStage.Queued,
        }, t.State == TranscodeState.Failed ? t.Error : null, t.State == TranscodeState.Published ? t.Chapters : []);
    }
}
