using System.Diagnostics;
using Hangfire;
using Media.Platform.Data;
using Media.Platform.Events;
using Media.Platform.Jobs;
using Media.Platform.Storage;
using Media.Transcoding.Contracts;
using Media.Transcoding.Data;
using Media.Transcoding.Jobs;
using Media.Transcoding.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Media.Transcoding.Recognition;

/// <summary>
/// Reads the text a published lesson shows (slides, blackboard, screen) and announces it with its times. Runs on the
/// background queue after publishing, so a lesson is watchable long before; a failure only leaves its text unread.
/// Idempotent: a lesson already read is announced again, not read again.
/// </summary>
internal sealed class ScreenTextJob(
    TranscodingDbContext db, FfmpegRunner ffmpeg, IScreenTextEngine reader, IBlobStore store, DomainEvents events, RowLeases leases,
    IOptions<RecognitionOptions> options, IOptions<TranscodingOptions> transcoding, TimeProvider time, ILogger<ScreenTextJob> logger)
{
    [Queue(JobQueues.Background)]
    // One reading per lesson at a time is the lease below (DisableConcurrentExecution would lock per method, on all workers).
    [AutomaticRetry(Attempts = 2, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        var transcode = await db.Transcodes.AsNoTracking().FirstOrDefaultAsync(t => t.LessonId == lessonId && t.State == TranscodeState.Published, cancellationToken);
        var reading = await db.ScreenTexts.FirstOrDefaultAsync(s => s.LessonId == lessonId, cancellationToken);
        if (transcode is null || reading is null)
        {
            return;
        }

        if (reading.State == ScreenTextState.Done)
        {
            Announce(reading);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var missing = options.Value.Engine == RecognitionOptions.Off
            ? "Reading on-screen text is turned off (Media:Recognition:Engine)."
            : await reader.MissingAsync(cancellationToken);
        if (missing is not null)
        {
            logger.LogWarning("Lesson {Lesson}: on-screen text not read: {Why}", lessonId, missing);
            reading.State = ScreenTextState.Unavailable;
            reading.Error = missing;
            reading.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        await using var lease = await leases.TryAcquireAsync<TranscodingDbContext, LessonScreenText>(
            d => d.ScreenTexts.Where(r => r.LessonId == lessonId), transcoding.Value.RunnerLease, $"Screen text of lesson {lessonId}", cancellationToken)
            ?? throw new InvalidOperationException($"Lesson {lessonId}'s on-screen text is being read by another attempt; trying again later.");
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        cancellationToken = running.Token;
        var clock = Stopwatch.StartNew();
        reading.State = ScreenTextState.Running;
        reading.Percent = 0;
        reading.Error = null;
        reading.Engine = reader.Name;
        reading.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var work = Directory.CreateTempSubdirectory($"media-screentext-{lessonId:N}-").FullName;
        try
        {
            var clip = transcode.ClipStartSeconds is { } from && transcode.ClipEndSeconds is { } to ? new ClipRange(from, to) : null;
            var duration = clip?.Duration ?? transcode.Source.DurationSeconds;
            using var source = await store.GetLocalFileAsync(transcode.SourceBlobKey, cancellationToken);
            var log = await ffmpeg.RunForLogAsync(FfmpegCommands.ScreenFrames(source.Path, work, ScreenFrames.IntervalFor(duration, options.Value), clip), cancellationToken);
            var times = ScreenFrames.TimesOf(log);
            var frames = new List<(double Seconds, IReadOnlyList<string> Lines)>(times.Count);
            var cardReadings = new List<ScreenTextLine>();
            for (var i = 0; i < times.Count; i++)
            {
                var image = Path.Combine(work, $"f{i + 1:00000}.bmp");
                if (!File.Exists(image))
                {
                    continue;
                }

                frames.Add((times[i], await reader.ReadAsync(image, cancellationToken)));
                if (times[i] < TitleCardReader.CardSeconds)
                {
                    // A title card is read a second way too where the engine has one: each misreads characters the other gets right.
                    cardReadings.AddRange((await reader.ReadCardAsync(image, cancellationToken)).Select(line => new ScreenTextLine(times[i], times[i], line)));
                }

                File.Delete(image);
                reading.FramesRead = frames.Count;
                reading.Percent = Math.Round(100.0 * (i + 1) / times.Count, 1);
                if (i % 10 == 9)
                {
                    reading.UpdatedAt = time.GetUtcNow();
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            reading.Lines = ScreenTextTimeline.Merge(frames, duration);
            reading.Card = TitleCardReader.Read([.. cardReadings, .. reading.Lines]);
            reading.State = ScreenTextState.Done;
            reading.Percent = 100;
            reading.Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
            reading.UpdatedAt = time.GetUtcNow();
            Announce(reading);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Lesson {Lesson}: read {Lines} lines of on-screen text from {Frames} frames in {Seconds} s",
                lessonId, reading.Lines.Count, frames.Count, reading.Seconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reading.State = ScreenTextState.Failed;
            reading.Error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            reading.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private void Announce(LessonScreenText reading) =>
        events.Publish(db, new LessonScreenTextRead(reading.LessonId, reading.Lines, reading.Card));
}

/// <summary>A published lesson (or one published again) has its on-screen text read, once.</summary>
internal sealed class ReadScreenTextOnPublish(TranscodingDbContext db, IBackgroundJobClient jobs, TimeProvider time) : IHandles<LessonPublished>
{
    public async Task HandleAsync(LessonPublished domainEvent, CancellationToken cancellationToken)
    {
        var reading = await db.ScreenTexts.FirstOrDefaultAsync(s => s.LessonId == domainEvent.LessonId, cancellationToken);
        if (reading is not null)
        {
            return;
        }

        db.ScreenTexts.Add(new LessonScreenText { LessonId = domainEvent.LessonId, State = ScreenTextState.Queued, UpdatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ScreenTextJob>(job => job.RunAsync(domainEvent.LessonId, CancellationToken.None));
    }
}
