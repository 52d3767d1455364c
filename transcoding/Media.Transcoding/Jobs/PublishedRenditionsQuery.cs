using Media.Transcoding.Contracts;
using Media.Transcoding.Planning;
using Microsoft.EntityFrameworkCore;

namespace Media.Transcoding.Jobs;

internal sealed class PublishedRenditionsQuery(TranscodingDbContext db) : IPublishedRenditions
{
    public async Task<PublishedRenditions?> FindAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        var prefix = await db.Transcodes.AsNoTracking()
            .Where(t => t.LessonId == lessonId && t.State == TranscodeState.Published)
            .Select(t => t.PublishedPrefix).FirstOrDefaultAsync(cancellationToken);
        return prefix is null ? null : new PublishedRenditions(lessonId, prefix, FfmpegCommands.MasterPlaylist);
    }
}
