using Hangfire;
using Media.Classroom.Data;
using Media.Classroom.Live;
using Media.Classroom.Media;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

/// <summary>
/// Ending a live session, once: everyone in the room is told, the room and any broadcast stop, the media server
/// closes the room, the recording (or the broadcast's HLS) is queued for conversion into a lesson draft, and open
/// attendance is closed. Repeating it changes nothing.
/// </summary>
internal sealed class SessionEnding(
    ClassroomDbContext db, LiveRooms rooms, MediaPlane media, LiveBroadcaster broadcaster, IHubContext<ClassroomHub> hub, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task EndAsync(LiveSession session, CancellationToken cancellationToken)
    {
        if (session.Status == SessionStatus.Ended)
        {
            return;
        }

        session.Status = SessionStatus.Ended;
        await db.SaveChangesAsync(cancellationToken);
        await hub.Clients.Group(LiveRooms.Group(session.Id)).SendAsync("sessionEnded", cancellationToken);
        await rooms.CloseAsync(session.Id);
        var broadcast = await broadcaster.StopAsync(session.Id);
        try
        {
            session.RecordingFeed = await media.EndAsync(session, cancellationToken);
        }
        catch (Exception e) when (e is JanusException or HttpRequestException)
        {
            session.RecordingError = $"The media server could not close the room: {e.Message}";
        }

        await db.SaveChangesAsync(cancellationToken);
        if ((media.Records(session) && session.RecordingError is null) || broadcast)
        {
            var id = session.Id;
            jobs.Enqueue<Recording.RecordingJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        var now = time.GetUtcNow();
        await db.Attendance.Where(a => a.SessionId == session.Id && a.LeftAt == null).ExecuteUpdateAsync(a => a.SetProperty(x => x.LeftAt, now), cancellationToken);
    }
}
