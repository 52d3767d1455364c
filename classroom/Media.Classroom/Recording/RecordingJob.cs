using Media.Classroom.Sessions;
using Media.Ingest.Contracts;
using Media.Platform.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Media.Classroom.Data;

namespace Media.Classroom.Recording;

/// <summary>
/// After a recorded session ends: Janus's .mjr files of the host's camera are turned into one MP4 (janus-pp-rec for
/// each track, then ffmpeg: H.264 with variable frame rate so no frames are invented, AAC, faststart) and handed
/// to ingest as a lesson draft owned by the host teacher.
/// </summary>
internal sealed partial class RecordingJob(
    IServiceScopeFactory scopes, FfmpegTools ffmpeg, MediaToolRunner runner, IOptions<ClassroomOptions> options, IOptions<Platform.MediaOptions> data, TimeProvider time, ILogger<RecordingJob> logger)
{
    public const string PostProcessor = "janus-pp-rec";

    public async Task RunAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClassroomDbContext>();
        var ingest = scope.ServiceProvider.GetRequiredService<IFileIngest>();
        var session = await db.Sessions.FirstAsync(s => s.Id == sessionId, cancellationToken);
        try
        {
            var mp4 = session.Kind == SessionKind.Broadcast
                ? await FromLiveAsync(Media.LiveBroadcaster.FolderOf(data.Value, sessionId), cancellationToken)
                : await FromJanusAsync(Path.Combine(options.Value.RecordingPath ?? throw new InvalidOperationException("Media:Classroom:RecordingPath is not set."), sessionId.ToString("N")), session.RecordingFeed, cancellationToken);
            var upload = await ingest.SubmitAsync(mp4, session.HostId, null, new Dictionary<string, string>
            {
                [LessonMetadataKeys.Title] = $"{session.Title}（课堂录像 {session.StartsAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd}）",
            }, cancellationToken);
            session.RecordingUploadId = upload;
            session.RecordingError = null;
            LogHandedOver(sessionId, upload);
        }
        catch (Exception e) when (e is RecordingException or IOException or InvalidOperationException)
        {
            session.RecordingError = e.Message;
            LogFailed(e, sessionId);
        }

        session.RecordingFinishedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string> FromJanusAsync(string folder, long? feed, CancellationToken cancellationToken)
    {
        var (video, audio) = TracksOf(folder, feed);
        var webm = Path.Combine(folder, "video.webm");
        await RunAsync(PostProcessor, [video, webm], cancellationToken);
        var inputs = new List<string> { "-y", "-i", webm };
        if (audio is not null)
        {
            var opus = Path.Combine(folder, "audio.opus");
            await RunAsync(PostProcessor, [audio, opus], cancellationToken);
            inputs.AddRange(["-i", opus]);
        }

        var mp4 = Path.Combine(folder, "lesson.mp4");
        await RunAsync(ffmpeg.Options.FfmpegPath, [.. inputs, "-c:v", "libx264", "-preset", "veryfast", "-fps_mode", "vfr", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", mp4], cancellationToken);
        return mp4;
    }

    /// <summary>A broadcast's live HLS, already H.264/AAC, remuxed into one faststart MP4 without re-encoding.</summary>
    private async Task<string> FromLiveAsync(string folder, CancellationToken cancellationToken)
    {
        var playlist = Path.Combine(folder, "index.m3u8");
        if (!File.Exists(playlist))
        {
            throw new RecordingException("The broadcast never went on air: no live playlist.");
        }

        var mp4 = Path.Combine(folder, "lesson.mp4");
        await RunAsync(ffmpeg.Options.FfmpegPath, ["-y", "-protocol_whitelist", "file", "-i", playlist, "-c", "copy", "-movflags", "+faststart", mp4], cancellationToken);
        return mp4;
    }

    /// <summary>The host's video and audio recordings (Janus names them videoroom-ROOM-user-FEED-TIME-video|audio-N.mjr), or the longest video.</summary>
    internal static (string Video, string? Audio) TracksOf(string folder, long? feed)
    {
        if (!Directory.Exists(folder))
        {
            throw new RecordingException($"No recordings were written to {folder}.");
        }

        var files = Directory.GetFiles(folder, "*.mjr");
        var mine = feed is { } id ? files.Where(f => Path.GetFileName(f).Contains($"-user-{id}-", StringComparison.Ordinal)).ToArray() : [];
        var candidates = mine.Length > 0 ? mine : files;
        var video = candidates.Where(f => Path.GetFileName(f).Contains("-video-", StringComparison.Ordinal)).OrderByDescending(f => new FileInfo(f).Length).FirstOrDefault()
            ?? throw new RecordingException($"No video recording in {folder}.");
        var prefix = Path.GetFileName(video)[..Path.GetFileName(video).IndexOf("-video-", StringComparison.Ordinal)];
        var audio = candidates.FirstOrDefault(f => Path.GetFileName(f).StartsWith(prefix + "-audio-", StringComparison.Ordinal));
        return (video, audio);
    }

    private async Task RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ToolResult result;
        try
        {
            result = await runner.RunAsync(new ToolCommand(file, arguments), cancellationToken);
        }
        catch (ToolFailedException e)
        {
            throw new RecordingException(e.Message);
        }

        if (!result.Succeeded)
        {
            throw new RecordingException($"{Path.GetFileName(file)} failed ({result.ExitCode}): {result.Tail(5)}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording of session {SessionId} handed to ingest as upload {UploadId}")]
    private partial void LogHandedOver(Guid sessionId, Guid uploadId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording of session {SessionId} could not be converted")]
    private partial void LogFailed(Exception exception, Guid sessionId);
}

internal sealed class RecordingException(string message) : Exception(message);
