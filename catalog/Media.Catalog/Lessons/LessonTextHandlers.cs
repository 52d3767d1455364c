using Media.Catalog.Data;
using Media.Catalog.Search;
using Media.Platform.Events;
using Media.Streaming.Contracts;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Lessons;

/// <summary>Keeps each lesson's timed text (captions, on-screen text) and puts it in the search index. Idempotent: a track is replaced whole.</summary>
internal sealed class LessonTextHandlers(CatalogDbContext db, LessonIndexer indexer, DomainEvents events, TimeProvider time)
    : IHandles<LessonCaptionsChanged>, IHandles<LessonScreenTextRead>
{
    public Task HandleAsync(LessonCaptionsChanged domainEvent, CancellationToken cancellationToken) =>
        ReplaceAsync(domainEvent.LessonId, LessonTextTrack.CaptionsTrack(domainEvent.Language), LessonTextSources.Captions, domainEvent.Label,
            domainEvent.Cues.Select(c => new TimedLine(c.StartSeconds, c.EndSeconds, c.Text, LessonTextSources.Captions)).ToList(), cancellationToken);

    public async Task HandleAsync(LessonScreenTextRead domainEvent, CancellationToken cancellationToken)
    {
        var lines = domainEvent.Lines.Select(l => new TimedLine(l.StartSeconds, l.EndSeconds, l.Text, LessonTextSources.Screen)).ToList();
        if (await db.Lessons.FirstOrDefaultAsync(l => l.Id == domainEvent.LessonId, cancellationToken) is { } lesson)
        {
            var before = LessonDetails.Of(lesson, lesson.UpdatedAt);
            LessonSlides.Apply(lesson, lines, domainEvent.Card);
            LessonDetails.PublishIfChanged(events, db, before, lesson, time.GetUtcNow());
        }

        await ReplaceAsync(domainEvent.LessonId, LessonTextTrack.ScreenTrack, LessonTextSources.Screen, null, lines, cancellationToken);
    }

    private async Task ReplaceAsync(Guid lessonId, string track, string source, string? label, List<TimedLine> lines, CancellationToken cancellationToken)
    {
        var stored = await db.LessonTexts.FirstOrDefaultAsync(t => t.LessonId == lessonId && t.Track == track, cancellationToken);
        if (lines.Count == 0)
        {
            if (stored is not null)
            {
                db.LessonTexts.Remove(stored);
            }
        }
        else
        {
            if (stored is null)
            {
                stored = new LessonTextTrack { LessonId = lessonId, Track = track, Source = source };
                db.LessonTexts.Add(stored);
            }

            stored.Label = label;
            stored.Lines = lines;
            stored.UpdatedAt = time.GetUtcNow();
        }

        // The lesson counts as changed, so that API processes that did not handle this catch up with its index entry.
        await db.Lessons.Where(l => l.Id == lessonId).ExecuteUpdateAsync(l => l.SetProperty(x => x.UpdatedAt, time.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await indexer.RefreshAsync(lessonId, cancellationToken);
    }
}
