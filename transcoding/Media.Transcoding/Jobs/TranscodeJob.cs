using Hangfire;
using Hangfire.Server;
using Media.Platform.Data;
using Media.Platform.Events;
using Media.Platform.Storage;
using Media.Transcoding.Contracts;
using Media.Transcoding.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Media.Transcoding.Data;

namespace Media.Transcoding.Jobs;

/// <summary>
/// Turns a lesson's source into its HLS ladder, poster and thumbnails. Crash-safe: every attempt writes to a
/// fresh prefix, and the lesson points at it only through one database update (the publish), so readers never
/// see half a ladder; an attempt first deletes whatever earlier, killed attempts left. Idempotent: a lesson
/// already published is only announced again.
/// </summary>
internal sealed class TranscodeJob(IServiceScopeFactory scopes, ILogger<TranscodeJob> logger)
{
    // No DisableConcurrentExecution: its lock is one per method (every lesson's transcode would wait for every other's,
    // on all workers) and a killed worker's lock outlives it. One attempt per lesson is the lease below.
    [AutomaticRetry(Attempts = 9, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid lessonId, PerformContext? context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TranscodingDbContext>();
        var events = services.GetRequiredService<DomainEvents>();
        var options = services.GetRequiredService<IOptions<TranscodingOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var transcode = await db.Transcodes.FirstOrDefaultAsync(t => t.LessonId == lessonId, cancellationToken);
        if (transcode is null || transcode.State == TranscodeState.Failed)
        {
            return;
        }

        if (transcode.State == TranscodeState.Published)
        {
            events.Publish(db, PublishedEvent(transcode));
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // Another attempt holds the lesson (a duplicate job, or one whose worker died and whose lease has not run out):
        // Hangfire tries again later, and by then the lesson is published or the lease free.
        await using var lease = await services.GetRequiredService<RowLeases>().TryAcquireAsync<TranscodingDbContext, LessonTranscode>(
            d => d.Transcodes.Where(t => t.LessonId == lessonId), options.RunnerLease, $"Transcode of lesson {lessonId}", cancellationToken)
            ?? throw new InvalidOperationException($"Lesson {lessonId} is being transcoded by another attempt; trying again later.");
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        cancellationToken = running.Token;
        transcode.State = TranscodeState.Running;
        transcode.Attempts++;
        transcode.Percent = 0;
        transcode.UpdatedAt = time.GetUtcNow();
        events.Publish(db, new LessonProcessing(lessonId));
        await db.SaveChangesAsync(cancellationToken);

        foreach (var leftover in Directory.EnumerateDirectories(Path.GetTempPath(), $"media-transcode-{lessonId:N}-*"))
        {
            // A killed attempt's local work folder; nothing else writes there for this lesson now.
            Directory.Delete(leftover, recursive: true);
        }

        var work = Directory.CreateTempSubdirectory($"media-transcode-{lessonId:N}-").FullName;
        try
        {
            var store = services.GetRequiredService<IBlobStore>();
            var lessonPrefix = $"lessons/{lessonId:N}/";
            var removed = await store.DeletePrefixAsync(lessonPrefix, cancellationToken);
            if (removed > 0)
            {
                logger.LogInformation("Lesson {Lesson}: removed {Count} files left by an interrupted attempt", lessonId, removed);
            }

            await EncodeAsync(services, transcode, work, cancellationToken);
            var prefix = $"{lessonPrefix}{Guid.NewGuid():N}/";
            foreach (var file in Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories))
            {
                await using var content = File.OpenRead(file);
                await store.PutAsync(prefix + Path.GetRelativePath(work, file).Replace(Path.DirectorySeparatorChar, '/'), content, cancellationToken);
            }

            // Gone before the lesson shows as published, so that "published" also means nothing is left on this disk.
            Directory.Delete(work, recursive: true);

            // The publish: one update makes the complete set visible.
            transcode.PublishedPrefix = prefix;
            transcode.Renditions = transcode.Renditions.Select(r => r with { PlaylistKey = prefix + r.PlaylistKey }).ToList();
            transcode.State = TranscodeState.Published;
            transcode.Percent = 100;
            transcode.EtaSeconds = 0;
            transcode.Error = null;
            transcode.PublishedAt = transcode.UpdatedAt = time.GetUtcNow();
            events.Publish(db, PublishedEvent(transcode));
            await db.SaveChangesAsync(CancellationToken.None);
            await services.GetRequiredService<TranscodeNotifier>().ChangedAsync(transcode);
            logger.LogInformation("Lesson {Lesson} published ({Rungs} rungs) under {Prefix}", lessonId, transcode.Renditions.Count, prefix);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var retries = context?.GetJobParameter<int>("RetryCount") ?? 0;
            transcode.Error = e.Message;
            transcode.UpdatedAt = time.GetUtcNow();
            if (retries + 1 >= options.Attempts)
            {
                transcode.State = TranscodeState.Failed;
                events.Publish(db, new LessonTranscodeFailed(lessonId, e.Message));
                await db.SaveChangesAsync(CancellationToken.None);
                await services.GetRequiredService<TranscodeNotifier>().ChangedAsync(transcode);
                logger.LogError(e, "Lesson {Lesson} failed after {Attempts} attempts", lessonId, retries + 1);
                return;
            }

            transcode.State = TranscodeState.Queued;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task EncodeAsync(IServiceProvider services, LessonTranscode transcode, string work, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<TranscodingOptions>>().Value;
        var ffmpeg = services.GetRequiredService<FfmpegRunner>();
        var db = services.GetRequiredService<TranscodingDbContext>();
        var store = services.GetRequiredService<IBlobStore>();
        var clip = transcode.ClipStartSeconds is { } from && transcode.ClipEndSeconds is { } to ? new ClipRange(from, to) : null;
        var facts = clip is null ? transcode.Source : transcode.Source with { DurationSeconds = clip.Duration };
        var plan = LadderPlanner.Plan(facts, options);
        using var source = await store.GetLocalFileAsync(transcode.SourceBlobKey, cancellationToken);
        var notifier = services.GetRequiredService<TranscodeNotifier>();

        var lastSaved = TimeSpan.Zero;
        await ffmpeg.RunAsync(FfmpegCommands.HlsLadder(source.Path, work, plan, options, clip), facts.DurationSeconds, async progress =>
        {
            transcode.Percent = Math.Round(progress.Percent, 1);
            transcode.Speed = Math.Round(progress.Speed, 2);
            transcode.EtaSeconds = progress.EtaSeconds is { } eta ? Math.Round(eta) : null;
            if (progress.Elapsed - lastSaved >= TimeSpan.FromSeconds(2) || progress.Percent >= 100)
            {
                lastSaved = progress.Elapsed;
                await db.SaveChangesAsync(CancellationToken.None);
                await notifier.ChangedAsync(transcode);
            }
        }, cancellationToken);

        await ffmpeg.RunAsync(FfmpegCommands.Download(work, plan), 0, null, cancellationToken);
        await ffmpeg.RunAsync(FfmpegCommands.Poster(source.Path, Path.Combine(work, "poster.jpg"), facts.DurationSeconds, clip), 0, null, cancellationToken);
        var sprite = SpritePlan.For(facts.DurationSeconds, plan.Rungs[0].Width, plan.Rungs[0].Height, options.ThumbnailIntervalSeconds);
        await ffmpeg.RunAsync(FfmpegCommands.Sprite(source.Path, Path.Combine(work, SpritePlan.ImageName), sprite, clip), 0, null, cancellationToken);
        var analysis = ChapterSuggester.Parse(await ffmpeg.RunForLogAsync(FfmpegCommands.Analysis(source.Path, plan.HasAudio, options, clip), cancellationToken));
        transcode.Chapters = ChapterSuggester.Suggest(analysis, facts.DurationSeconds, options.MinChapterSeconds).ToList();
        transcode.IntegratedLoudness = analysis.IntegratedLoudness is { } lufs ? Math.Round(lufs, 1) : null;
        await File.WriteAllTextAsync(Path.Combine(work, SpritePlan.IndexName), sprite.WebVtt(facts.DurationSeconds), cancellationToken);

        // ffmpeg names variant folders after var_stream_map's name: 1080p/, 720p/ … and audio/.
        transcode.Renditions = plan.Rungs
            .Select(r => new RenditionInfo(r.Width, r.Height, r.MaxBitRateKbps * 1000L, $"{r.Height}p/index.m3u8"))
            .ToList();
    }

    private static LessonPublished PublishedEvent(LessonTranscode transcode) => new(
        transcode.LessonId,
        transcode.PublishedPrefix!,
        transcode.PublishedPrefix + FfmpegCommands.MasterPlaylist,
        transcode.PublishedPrefix + "poster.jpg",
        transcode.Renditions,
        transcode.Chapters,
        transcode.IntegratedLoudness);
}
