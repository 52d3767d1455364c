using System.Globalization;
using Media.Ingest.Contracts;
using Media.Platform.Events;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Lessons;

/// <summary>
/// An accepted upload becomes a lesson draft with the uploader's metadata, caught up with its transcode: transcoding
/// handles the same event and may already have moved on (its events found no lesson here then). Idempotent.
/// </summary>
internal sealed class LessonDraftHandler(CatalogDbContext db, LessonLifecycle lifecycle, ITranscodeProgress transcodes, TimeProvider time) : IHandles<MediaAccepted>
{
    public async Task HandleAsync(MediaAccepted accepted, CancellationToken cancellationToken)
    {
        if (await db.Lessons.AnyAsync(l => l.Id == accepted.LessonId, cancellationToken))
        {
            return;
        }

        var meta = accepted.Metadata;
        string? Get(string key) => meta.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var now = time.GetUtcNow();
        var lesson = new Lesson
        {
            Id = accepted.LessonId,
            Title = Get(LessonMetadataKeys.Title)
                ?? (Get(LessonMetadataKeys.FileName) is { } file ? Path.GetFileNameWithoutExtension(file) : null)
                ?? "未命名课例",
            TitleFromFileName = Get(LessonMetadataKeys.Title) is null,
            Status = LessonStatus.Draft,
            OwnerId = accepted.OwnerId,
            OrganisationId = accepted.OrganisationId,
            Stage = Get(LessonMetadataKeys.Stage),
            Grade = Get(LessonMetadataKeys.Grade),
            Subject = Get(LessonMetadataKeys.Subject),
            Edition = Get(LessonMetadataKeys.Edition),
            Volume = Get(LessonMetadataKeys.Volume),
            Unit = Get(LessonMetadataKeys.Unit),
            LessonName = Get(LessonMetadataKeys.Lesson),
            Teacher = Get(LessonMetadataKeys.Teacher),
            TeacherTitle = Get(LessonMetadataKeys.TeacherTitle),
            School = Get(LessonMetadataKeys.School),
            Region = Get(LessonMetadataKeys.Region),
            Year = int.TryParse(Get(LessonMetadataKeys.Year), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
            Description = Get(LessonMetadataKeys.Description),
            SourceBlobKey = accepted.SourceBlobKey,
            Sha256 = accepted.Sha256,
            SizeBytes = accepted.SizeBytes,
            DurationSeconds = accepted.Media.DurationSeconds,
            Width = accepted.Media.Width,
            Height = accepted.Media.Height,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Lessons.Add(lesson);
        await db.SaveChangesAsync(cancellationToken);
        await lifecycle.CatchUpAsync(lesson, await transcodes.FindAsync(accepted.LessonId, cancellationToken), cancellationToken);
    }
}
