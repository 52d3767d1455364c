using Media.Classroom.Live;
using Media.Classroom.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Media.Classroom.Data;

namespace Media.Classroom.Media;

/// <summary>What a browser needs to publish or subscribe: Janus's WebSocket URL, the room and its own token.</summary>
/// <param name="Server">Janus's WebSocket API as browsers reach it.</param>
/// <param name="Room">The VideoRoom room number.</param>
/// <param name="Token">This participant's join token (rooms admit only listed tokens).</param>
/// <param name="IceServers">TURN servers with credentials for this participant (empty when none are configured).</param>
/// <param name="Display">The name to publish under: "userId|classroomId|name", so that others can tell whose feed it is.</param>
internal sealed record MediaAccess(Uri Server, long Room, string Token, string Display, IReadOnlyList<IceServer> IceServers);

/// <summary>An RTCIceServer as browsers take it.</summary>
internal sealed record IceServer(IReadOnlyList<string> Urls, string Username, string Credential);

/// <summary>
/// The session's VideoRoom: created (with recording for synchronous classes) when the first participant joins,
/// each participant admitted with a token of their own, destroyed when the session ends. Without a configured Janus
/// sessions run without a media plane and joiners get no media access.
/// </summary>
internal sealed class MediaPlane(IHttpClientFactory clients, IOptions<ClassroomOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _creating = new(1, 1);

    public bool Enabled => options.Value.JanusUrl is not null;

    public void Dispose() => _creating.Dispose();

    public async Task<MediaAccess?> AdmitAsync(LiveSession session, Participant participant, ClassroomDbContext db, CancellationToken cancellationToken)
    {
        if (Gateway() is not { } gateway)
        {
            return null;
        }

        var room = await RoomOfAsync(session, gateway, db, cancellationToken);
        var token = await gateway.AdmitAsync(room, cancellationToken);
        return new MediaAccess(options.Value.JanusBrowserUrl ?? options.Value.JanusUrl!, room.Room, token, $"{participant.UserId}|{participant.EndpointId}|{participant.Name}",
            TurnCredentials.For(options.Value, participant.UserId, time.GetUtcNow()));
    }

    /// <summary>Destroys the room (which closes its recordings); returns the host's publisher id if they were publishing.</summary>
    public async Task<long?> EndAsync(LiveSession session, CancellationToken cancellationToken)
    {
        if (Gateway() is not { } gateway || session.JanusRoom is not { } room || session.JanusSecret is not { } secret)
        {
            return null;
        }

        var host = (await gateway.ParticipantsAsync(room, cancellationToken))
            .Where(p => p.Publishing && p.Display.StartsWith($"{session.HostId}|", StringComparison.Ordinal)).Select(p => (long?)p.Id).FirstOrDefault();
        await gateway.DestroyAsync(room, secret, cancellationToken);
        return host;
    }

    public bool Records(LiveSession session) =>
        session.Recording && session.Kind != SessionKind.Broadcast && session.JanusRoom is not null && options.Value.RecordingPath is not null;

    internal JanusVideoRoomGateway? Gateway() =>
        options.Value.JanusUrl is { } url ? new JanusVideoRoomGateway(clients.CreateClient(nameof(MediaPlane)), url, options.Value.JanusAdminKey) : null;

    private async Task<MediaRoom> RoomOfAsync(LiveSession session, JanusVideoRoomGateway gateway, ClassroomDbContext db, CancellationToken cancellationToken)
    {
        await _creating.WaitAsync(cancellationToken);
        try
        {
            var stored = await db.Sessions.AsNoTracking().Where(s => s.Id == session.Id).Select(s => new { s.JanusRoom, s.JanusSecret }).FirstAsync(cancellationToken);
            if (stored.JanusRoom is { } number && stored.JanusSecret is { } secret && await gateway.ExistsAsync(number, cancellationToken))
            {
                return new MediaRoom(number, secret);
            }

            // A broadcast is kept by its live encoder; Janus records the other kinds when asked to.
            var broadcast = session.Kind == SessionKind.Broadcast;
            var recordings = session.Recording && !broadcast && options.Value.RecordingPath is { } root ? Path.Combine(root, session.Id.ToString("N")) : null;
            if (recordings is not null)
            {
                Directory.CreateDirectory(recordings);
            }

            var room = await gateway.CreateRoomAsync(session.Title, recordings is not null, recordings, options.Value.PublishersPerRoom, cancellationToken,
                keyframeSeconds: broadcast ? 2 : 0);
            await db.Sessions.Where(s => s.Id == session.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.JanusRoom, room.Room).SetProperty(x => x.JanusSecret, room.Secret), cancellationToken);
            return room;
        }
        finally
        {
            _creating.Release();
        }
    }
}
