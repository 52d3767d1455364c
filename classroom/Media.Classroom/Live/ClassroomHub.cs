using Media.Classroom.Media;
using Media.Classroom.Sessions;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Media.Classroom.Data;
using Media.Streaming.Contracts;

namespace Media.Classroom.Live;

/// <summary>
/// The control plane of live lessons (<c>/hubs/classroom</c>): join with a role the server decides, presence and
/// attendance, hands, chat under moderation, courseware pages, calling on a classroom, polls, and the shared
/// playback and timestamped comments of teaching research. Refusals arrive as hub errors with a readable message.
/// </summary>
[Authorize]
internal sealed class ClassroomHub(
    LiveRooms rooms, ClassroomDbContext db, MediaPlane media, LiveBroadcaster broadcaster, ILessonViewers viewers, TimeProvider time, IHostApplicationLifetime lifetime)
    : Hub
{
    private const string SessionKey = "session";

    /// <summary>A mesh sends every camera to every peer: beyond three classrooms uplinks give out.</summary>
    public const int MeshLimit = 3;

    private const int MaxSignalLength = 64 * 1024;

    /// <summary>The largest hub message accepted: a full-size signal plus its JSON framing and escaping.</summary>
    public const int MaxMessageBytes = 4 * MaxSignalLength;

    public async Task<RoomSnapshot> Join(Guid sessionId, Guid? endpointId)
    {
        var userId = Context.User!.UserId() ?? throw new HubException("Sign in first.");
        var session = await db.Sessions.Include(s => s.Endpoints).Include(s => s.Invitees).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == sessionId, Context.ConnectionAborted);
        if (session is null || session.Status == SessionStatus.Ended)
        {
            throw new HubException(session is null ? "No such session." : "This session has ended.");
        }

        var role = SessionAccess.RoleOf(session, userId, Context.User!.OrganisationId(), Context.User!.IsInRole(Roles.Admin))
            ?? throw new HubException("You are not invited to this session.");
        var coTeacherOf = session.Endpoints.FirstOrDefault(e => e.CoTeacherId == userId)?.Id;
        if (endpointId is { } chosen && session.Endpoints.All(e => e.Id != chosen))
        {
            throw new HubException("That classroom is not part of this session.");
        }

        var participant = new Participant(userId, Context.User!.DisplayName(), role, endpointId ?? coTeacherOf);
        if (Context.Items.TryGetValue(SessionKey, out var previous) && previous is Guid other && other != sessionId)
        {
            await LeaveAsync();
        }

        var now = time.GetUtcNow();
        IReadOnlyList<string> replaced;
        RoomSnapshot snapshot;
        try
        {
            (replaced, snapshot) = await rooms.ChangeAsync(sessionId, session.HostId, room => (room.Join(Context.ConnectionId, participant), room.Snapshot(Context.ConnectionId, now)));
        }
        catch (RoomException e)
        {
            throw new HubException(e.Message);
        }

        var group = LiveRooms.Group(sessionId);
        foreach (var old in replaced)
        {
            // Joining again (another tab, a new device, a reconnect after a node died) takes over: the old connection is
            // told and its page disconnects. It is not taken out of the group here: on a dead node nobody would confirm.
            await Clients.Client(old).SendAsync("replaced");
        }

        Context.Items[SessionKey] = sessionId;
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        if (replaced.Count == 0)
        {
            db.Attendance.Add(new Attendance { SessionId = sessionId, UserId = userId, EndpointId = participant.EndpointId, Role = role, JoinedAt = now });
        }

        if (role == ParticipantRole.Host && session.Status == SessionStatus.Scheduled)
        {
            await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SessionStatus.Live));
        }

        await db.SaveChangesAsync();
        MediaAccess? access;
        try
        {
            // Broadcast viewers watch live HLS, however many they are; only the host needs the VideoRoom.
            access = session.Kind == SessionKind.Broadcast && role != ParticipantRole.Host
                ? null
                : await media.AdmitAsync(session, participant, db, Context.ConnectionAborted);
        }
        catch (Exception e) when (e is JanusException or HttpRequestException)
        {
            // The control plane keeps working without video; the page says media is unavailable.
            access = null;
        }

        await Clients.OthersInGroup(group).SendAsync("participantJoined", participant);
        // No SFU configured: up to three classrooms still see each other through a browser mesh.
        var mesh = !media.Enabled && session.Kind == SessionKind.SynchronousClass && session.Endpoints.Count <= MeshLimit;
        return snapshot with { Media = access, Mesh = mesh };
    }

    public Task Leave() => LeaveAsync();

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        // A node shutting down is not its participants leaving: they reconnect to another node and take their place
        // back (their old connection is replaced), with their hands still raised.
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await LeaveAsync();
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Relays WebRTC signalling (an SDP or an ICE candidate, opaque here) to one participant of the same room.</summary>
    public async Task Signal(Guid toUserId, string payload)
    {
        if (payload is null || payload.Length > MaxSignalLength)
        {
            throw new HubException("Signalling messages are limited to 64 KiB.");
        }

        var (from, targets) = await ReadAsync(room => (room.Member(Context.ConnectionId), room.ConnectionsOf(toUserId)));
        foreach (var connection in targets)
        {
            await Clients.Client(connection).SendAsync("signal", from.UserId, payload);
        }
    }

    public Task RaiseHand(bool raised) => SendAsync("handsChanged", room => room.RaiseHand(Context.ConnectionId, raised));

    public Task LowerHandOf(Guid userId) => SendAsync("handsChanged", room => room.LowerHandOf(Context.ConnectionId, userId));

    public Task ShowPage(int page) => SendAsync("pageChanged", room => room.ShowPage(Context.ConnectionId, page));

    public async Task CallOn(Guid endpointId)
    {
        var sessionId = SessionId();
        var endpoints = await db.Sessions.Where(s => s.Id == sessionId).SelectMany(s => s.Endpoints.Select(e => e.Id)).ToListAsync();
        await SendAsync("mainViewChanged", r => r.CallOn(Context.ConnectionId, endpointId, endpoints));
    }

    public Task SendChat(string text) => SendAsync("chat", room => room.Chat(Context.ConnectionId, text, time.GetUtcNow()));

    public Task Mute(Guid userId, bool muted) => SendAsync("mutedChanged", room => new MuteChange(userId, room.Mute(Context.ConnectionId, userId, muted)));

    public async Task Remove(Guid userId)
    {
        var sessionId = SessionId();
        var gone = await ChangeAsync(room => room.Remove(Context.ConnectionId, userId));
        var group = LiveRooms.Group(sessionId);
        foreach (var connection in gone)
        {
            await Clients.Client(connection).SendAsync("removed");
            try
            {
                // The node holding the connection confirms; one that died (and took the connection with it) never will.
                await Groups.RemoveFromGroupAsync(connection, group).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
            }
        }

        await MarkLeftAsync(sessionId, userId);
        await Clients.Group(group).SendAsync("participantLeft", userId);
    }

    public Task StartPoll(string question, string[] options) => SendAsync("pollChanged", room => room.StartPoll(Context.ConnectionId, question, options));

    public Task Vote(Guid pollId, int option) => SendAsync("pollChanged", room => room.Vote(Context.ConnectionId, pollId, option));

    public Task ClosePoll() => SendAsync("pollChanged", room => room.ClosePoll(Context.ConnectionId));

    /// <summary>The host's player moved: everyone's player follows (play, pause, seek, speed).</summary>
    public Task SetPlayback(bool playing, double position, double rate) =>
        SendAsync("playbackChanged", room => room.SetPlayback(Context.ConnectionId, playing, position, rate, time.GetUtcNow()));

    /// <summary>The host's browser is publishing as this VideoRoom publisher: a broadcast goes on air (live HLS for every viewer).</summary>
    public async Task Publishing(long publisherId)
    {
        var sessionId = SessionId();
        if ((await ReadAsync(room => room.Member(Context.ConnectionId))).Role != ParticipantRole.Host)
        {
            throw new HubException("Only the host teacher's camera is broadcast.");
        }

        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId);
        if (session.Kind != SessionKind.Broadcast || broadcaster.IsOnAir(session.Id))
        {
            return;
        }

        try
        {
            await broadcaster.StartAsync(session, publisherId, Context.ConnectionAborted);
        }
        catch (Exception e) when (e is JanusException or HttpRequestException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new HubException($"The broadcast could not start: {e.Message}");
        }

        await Clients.Group(LiveRooms.Group(session.Id)).SendAsync("broadcastOnAir", session.Id);
    }

    /// <summary>A teaching-research remark at a moment of the lesson; kept, and shown on the lesson's timeline afterwards.</summary>
    public async Task<CommentDto> Comment(double atSeconds, string text, string? criterion)
    {
        var sessionId = SessionId();
        var who = await ReadAsync(room => room.Member(Context.ConnectionId));
        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId);
        if (session.Kind != SessionKind.TeachingResearch || session.LessonId is null)
        {
            throw new HubException("Comments belong to teaching-research sessions.");
        }

        if (who.Role == ParticipantRole.Student)
        {
            throw new HubException("Students do not comment in teaching research.");
        }

        if (!await viewers.MayWatchAsync(session.LessonId.Value, Context.User!, Context.ConnectionAborted))
        {
            throw new HubException("This lesson is not open to you, so you cannot comment on it.");
        }

        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length is 0 or > 2000 || !double.IsFinite(atSeconds) || atSeconds < 0 || criterion?.Length > 100)
        {
            throw new HubException("A comment has 1–2000 characters at a time ≥ 0.");
        }

        var comment = new ResearchComment
        {
            Id = Guid.NewGuid(), SessionId = session.Id, LessonId = session.LessonId.Value, UserId = who.UserId, Author = who.Name,
            AtSeconds = Math.Round(atSeconds, 1), Text = trimmed, Criterion = string.IsNullOrWhiteSpace(criterion) ? null : criterion.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync();
        var dto = CommentDto.Of(comment);
        await Clients.Group(LiveRooms.Group(sessionId)).SendAsync("commentAdded", dto);
        return dto;
    }

    private async Task LeaveAsync()
    {
        if (!Context.Items.TryGetValue(SessionKey, out var value) || value is not Guid sessionId)
        {
            return;
        }

        Context.Items.Remove(SessionKey);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveRooms.Group(sessionId));
        Participant? participant;
        try
        {
            participant = await rooms.ChangeAsync(sessionId, hostId: null, room => room.Leave(Context.ConnectionId));
        }
        catch (RoomException)
        {
            return;
        }

        if (participant is not null)
        {
            await MarkLeftAsync(sessionId, participant.UserId);
            await Clients.Group(LiveRooms.Group(sessionId)).SendAsync("participantLeft", participant.UserId);
        }
    }

    private async Task MarkLeftAsync(Guid sessionId, Guid userId)
    {
        var now = time.GetUtcNow();
        await db.Attendance.Where(a => a.SessionId == sessionId && a.UserId == userId && a.LeftAt == null)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.LeftAt, now));
    }

    private Guid SessionId() =>
        Context.Items.TryGetValue(SessionKey, out var value) && value is Guid sessionId ? sessionId : throw new HubException("Join the session first.");

    private async Task<T> ChangeAsync<T>(Func<LiveRoom, T> change)
    {
        try
        {
            return await rooms.ChangeAsync(SessionId(), hostId: null, change);
        }
        catch (RoomException e)
        {
            throw new HubException(e.Message);
        }
    }

    private async Task<T> ReadAsync<T>(Func<LiveRoom, T> read)
    {
        try
        {
            var (found, value) = await rooms.ReadAsync(SessionId(), room => (true, read(room)));
            return found ? value : throw new HubException("Join the session first.");
        }
        catch (RoomException e)
        {
            throw new HubException(e.Message);
        }
    }

    private async Task SendAsync<T>(string method, Func<LiveRoom, T> change)
    {
        var result = await ChangeAsync(change);
        await Clients.Group(LiveRooms.Group(SessionId())).SendAsync(method, result);
    }
}

internal sealed record MuteChange(Guid UserId, bool Muted);

internal sealed record CommentDto(Guid Id, Guid LessonId, Guid UserId, string Author, double AtSeconds, string Text, string? Criterion, DateTimeOffset CreatedAt)
{
    internal static CommentDto Of(ResearchComment c) => new(c.Id, c.LessonId, c.UserId, c.Author, c.AtSeconds, c.Text, c.Criterion, c.CreatedAt);
}
