using Media.Transcoding.Contracts;
using Media.Transcoding.Planning;
using Microsoft.EntityFrameworkCore;
using Media.Transcoding.Data;

namespace Media.Transcoding.Jobs;

internal sealed class PublishedRenditionsQuery(TranscodingDbContext db) : IPublishedRenditions
{
    public async Task<PublishedRenditions?> FindAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        var t = await db.Transcodes.AsNoTracking()
            .FirstOrDefaultAsync(t => t.LessonId == lessonId && t.State == TranscodeState.Published, cancellationToken);
        if (t?.PublishedPrefix is null)
        {
            return null;
        }

        var duration = t.ClipStartSeconds is { } from && t.ClipEndSeconds is { } to ? to - from : t.Source.DurationSeconds;
        return new PublishedRenditions(lessonId, t.PublishedPrefix, FfmpegCommands.MasterPlaylist, t.OwnerId, duration, t.OrganisationId);
    }
}
