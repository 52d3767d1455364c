using Media.Ingest.Contracts;
using Media.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Media.Review.Data;

namespace Media.Review.Campaigns;

/// <summary>Keeps the facts the technical standard is checked against, for every accepted video (idempotent).</summary>
internal sealed class LessonMediaHandler(ReviewDbContext db) : IHandles<MediaAccepted>
{
    public async Task HandleAsync(MediaAccepted accepted, CancellationToken cancellationToken)
    {
        if (await db.Lessons.AnyAsync(l => l.LessonId == accepted.LessonId, cancellationToken))
        {
            return;
        }

        string? Meta(string key) => accepted.Metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        db.Lessons.Add(new LessonMedia
        {
            LessonId = accepted.LessonId, OwnerId = accepted.OwnerId, OrganisationId = accepted.OrganisationId,
            DurationSeconds = accepted.Media.DurationSeconds, Width = accepted.Media.Width, Height = accepted.Media.Height,
            BitRate = accepted.Media.BitRate, VideoCodec = accepted.Media.VideoCodec, AudioCodec = accepted.Media.AudioCodec,
            Title = Meta(LessonMetadataKeys.Title) ?? Meta(LessonMetadataKeys.FileName) ?? "", Stage = Meta(LessonMetadataKeys.Stage),
            Grade = Meta(LessonMetadataKeys.Grade), Subject = Meta(LessonMetadataKeys.Subject), Edition = Meta(LessonMetadataKeys.Edition),
            Lesson = Meta(LessonMetadataKeys.Lesson), SourceBlobKey = accepted.SourceBlobKey,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
