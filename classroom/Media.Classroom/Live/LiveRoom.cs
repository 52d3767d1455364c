using Media.Classroom.Sessions;

namespace Media.Classroom.Live;

/// <summary>
/// The live state of one session: who is here, raised hands, the page shown, the classroom called on, a poll, the
/// shared playback of a lesson, mutes and removals. Every decision the host makes is enforced here, whatever a client
/// sends. One change at a time on a state read from <see cref="LiveRooms"/>, which keeps it where every node sees it;
/// snapshots are copies.
/// </summary>
internal sealed class LiveRoom(LiveRoomState state)
{
    public const int ChatMessagesPerWindow = 5;

    public static readonly TimeSpan ChatWindow = TimeSpan.FromSeconds(10);

    public LiveRoom(Guid sessionId, Guid hostId)
        : this(new LiveRoomState { SessionId = sessionId, HostId = hostId })
    {
    }

    public LiveRoomState State => state;

    private readonly Lock _lock = new();

    public Guid SessionId => state.SessionId;

    public Guid HostId => state.HostId;

    /// <summary>Adds a connection; returns the connections of the same person it replaces (a second tab, a reconnect).</summary>
    public IReadOnlyList<string> Join(string connectionId, Participant participant)
    {
        lock (_lock)
        {
            if (state.Removed.Contains(participant.UserId))
            {
                throw new RoomException("The teacher removed you from this session.");
            }

            var replaced = state.Connections.Where(c => c.Value.UserId == participant.UserId).Select(c => c.Key).ToList();
            foreach (var old in replaced)
            {
                state.Connections.Remove(old);
            }

            state.Connections[connectionId] = participant;
            return replaced;
        }
    }

    /// <summary>Removes a connection; returns who left, or null when the connection was not (or no longer) in the room.</summary>
    public Participant? Leave(string connectionId)
    {
        lock (_lock)
        {
            if (!state.Connections.Remove(connectionId, out var participant))
            {
                return null;
            }

            state.Hands.Remove(participant.UserId);
            return participant;
        }
    }

    public Participant Member(string connectionId)
    {
        lock (_lock)
        {
            return state.Connections.TryGetValue(connectionId, out var participant)
                ? participant
                : throw new RoomException("Join the session first.");
        }
    }

    /// <summary>The connections of one person in the room (for relaying mesh signalling to them).</summary>
    public IReadOnlyList<string> ConnectionsOf(Guid userId)
    {
        lock (_lock)
        {
            return state.Connections.Where(c => c.Value.UserId == userId).Select(c => c.Key).ToList();
        }
    }

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return state.Connections.Count == 0;
            }
        }
    }

    public IReadOnlyList<Guid> RaiseHand(string connectionId, bool raised)
    {
        lock (_lock)
        {
            var who = Member(connectionId).UserId;
            if (raised && !state.Hands.Contains(who))
            {
                state.Hands.Add(who);
            }
            else if (!raised)
            {
                state.Hands.Remove(who);
            }

            return [.. state.Hands];
        }
    }

    /// <summary>The host takes a hand off the queue (after calling on that person).</summary>
    public IReadOnlyList<Guid> LowerHandOf(string connectionId, Guid userId)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "lower hands");
            state.Hands.Remove(userId);
            return [.. state.Hands];
        }
    }

    public int ShowPage(string connectionId, int page)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "change the page");
            if (page < 1 || page > 10_000)
            {
                throw new RoomException("Pages are numbered from 1.");
            }

            state.Page = page;
            return page;
        }
    }

    public Guid CallOn(string connectionId, Guid endpointId, IReadOnlyCollection<Guid> endpoints)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "call on a classroom");
            if (!endpoints.Contains(endpointId))
            {
                throw new RoomException("That classroom is not part of this session.");
            }

            state.CalledOn = endpointId;
            return endpointId;
        }
    }

    public ChatMessage Chat(string connectionId, string text, DateTimeOffset at)
    {
        lock (_lock)
        {
            var who = Member(connectionId);
            if (state.Muted.Contains(who.UserId))
            {
                throw new RoomException("The teacher has muted you.");
            }

            var trimmed = text?.Trim() ?? "";
            if (trimmed.Length is 0 or > 500)
            {
                throw new RoomException("A message has 1–500 characters.");
            }

            // A flood drowns the class (and every client renders it): a few messages per window per person.
            if (!state.ChatTimes.TryGetValue(who.UserId, out var recent))
            {
                state.ChatTimes[who.UserId] = recent = [];
            }

            if (!RateWindow.TryTake(recent, ChatMessagesPerWindow, ChatWindow, at))
            {
                throw new RoomException($"Slow down: at most {ChatMessagesPerWindow} messages every {ChatWindow.TotalSeconds:0} seconds.");
            }
            return new ChatMessage(who.UserId, who.Name, trimmed, at);
        }
    }

    public bool Mute(string connectionId, Guid userId, bool muted)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "mute participants");
            if (userId == HostId)
            {
                throw new RoomException("The host cannot be muted.");
            }

            if (muted)
            {
                state.Muted.Add(userId);
            }
            else
            {
                state.Muted.Remove(userId);
            }

            return muted;
        }
    }

    /// <summary>The host removes someone: their connections leave and they cannot join again.</summary>
    public IReadOnlyList<string> Remove(string connectionId, Guid userId)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "remove participants");
            if (userId == HostId)
            {
                throw new RoomException("The host cannot be removed.");
            }

            state.Removed.Add(userId);
            state.Hands.Remove(userId);
            var gone = state.Connections.Where(c => c.Value.UserId == userId).Select(c => c.Key).ToList();
            foreach (var connection in gone)
            {
                state.Connections.Remove(connection);
            }

            return gone;
        }
    }

    public Poll StartPoll(string connectionId, string question, IReadOnlyList<string> options)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "start a poll");
            if (string.IsNullOrWhiteSpace(question) || options is null || options.Count is < 2 or > 10 || options.Any(string.IsNullOrWhiteSpace))
            {
                throw new RoomException("A poll needs a question and 2–10 options.");
            }

            state.Poll = new Poll(Guid.NewGuid(), question.Trim(), [.. options.Select(o => o.Trim())], new int[options.Count], true, []);
            return state.Poll.Copy();
        }
    }

    public Poll Vote(string connectionId, Guid pollId, int option)
    {
        lock (_lock)
        {
            var who = Member(connectionId).UserId;
            if (state.Poll is null || state.Poll.Id != pollId || !state.Poll.Open)
            {
                throw new RoomException("That poll is closed.");
            }

            if (option < 0 || option >= state.Poll.Options.Count)
            {
                throw new RoomException("No such option.");
            }

            if (state.Poll.Voters.TryGetValue(who, out var previous))
            {
                state.Poll.Counts[previous]--;
            }

            state.Poll.Voters[who] = option;
            state.Poll.Counts[option]++;
            return state.Poll.Copy();
        }
    }

    public Poll ClosePoll(string connectionId)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "close the poll");
            if (state.Poll is null)
            {
                throw new RoomException("No poll is running.");
            }

            state.Poll = state.Poll with { Open = false };
            return state.Poll.Copy();
        }
    }

    /// <summary>The host plays, pauses, seeks or changes the speed of the lesson everyone watches.</summary>
    public PlaybackState SetPlayback(string connectionId, bool playing, double position, double rate, DateTimeOffset at)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "control playback");
            if (!double.IsFinite(position) || position < 0 || !double.IsFinite(rate) || rate is < 0.25 or > 4)
            {
                throw new RoomException("Position must be ≥ 0 and the rate between 0.25 and 4.");
            }

            state.Playback = new PlaybackState(playing, position, rate, at);
            return state.Playback;
        }
    }

    public RoomSnapshot Snapshot(string connectionId, DateTimeOffset now)
    {
        lock (_lock)
        {
            var you = Member(connectionId);
            var participants = state.Connections.Values.DistinctBy(p => p.UserId).OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
            return new RoomSnapshot(SessionId, you, participants, [.. state.Hands], state.Page, state.CalledOn, state.Poll?.Copy(), state.Playback.At(now), [.. state.Muted]);
        }
    }

    /// <summary>How many different people are here.</summary>
    public int Headcount
    {
        get
        {
            lock (_lock)
            {
                return state.Connections.Values.Select(p => p.UserId).Distinct().Count();
            }
        }
    }

    private void RequireHost(string connectionId, string action)
    {
        if (Member(connectionId).Role != ParticipantRole.Host)
        {
            throw new RoomException($"Only the host teacher can {action}.");
        }
    }
}

/// <summary>What <see cref="LiveRoom"/> works on, as it is kept between changes (JSON, in this process or in Redis).</summary>
internal sealed class LiveRoomState
{
    public Guid SessionId { get; set; }

    public Guid HostId { get; set; }

    /// <summary>By SignalR connection id: the same person may be here from more than one node for a moment.</summary>
    public Dictionary<string, Participant> Connections { get; set; } = [];

    public List<Guid> Hands { get; set; } = [];

    public HashSet<Guid> Muted { get; set; } = [];

    public HashSet<Guid> Removed { get; set; } = [];

    /// <summary>When each person's recent chat messages were sent (the flood limit).</summary>
    public Dictionary<Guid, List<DateTimeOffset>> ChatTimes { get; set; } = [];

    public int Page { get; set; } = 1;

    public Guid? CalledOn { get; set; }

    public Poll? Poll { get; set; }

    public PlaybackState Playback { get; set; } = new(false, 0, 1, DateTimeOffset.MinValue);
}

/// <summary>A refusal a participant should see (the hub turns it into a HubException).</summary>
internal sealed class RoomException(string message) : Exception(message);

/// <summary>Someone in the room: one entry per person, whatever the number of their connections.</summary>
internal sealed record Participant(Guid UserId, string Name, ParticipantRole Role, Guid? EndpointId);

internal sealed record ChatMessage(Guid UserId, string Name, string Text, DateTimeOffset At);

/// <summary>A quick poll: counts per option; who voted what stays on the server.</summary>
internal sealed record Poll(Guid Id, string Question, IReadOnlyList<string> Options, int[] Counts, bool Open, Dictionary<Guid, int> Voters)
{
    internal Poll Copy() => this with { Counts = [.. Counts], Voters = [] };
}

/// <summary>Shared playback: where the lesson was at <see cref="Since"/>, and whether it has been playing since.</summary>
internal sealed record PlaybackState(bool Playing, double Position, double Rate, DateTimeOffset Since)
{
    /// <summary>The state as of now: a late joiner lands where the others are.</summary>
    public PlaybackState At(DateTimeOffset now) =>
        Playing && Since != DateTimeOffset.MinValue ? this with { Position = Position + ((now - Since).TotalSeconds * Rate), Since = now } : this;
}

internal sealed record RoomSnapshot(
    Guid SessionId,
    Participant You,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<Guid> Hands,
    int Page,
    Guid? CalledOn,
    Poll? Poll,
    PlaybackState Playback,
    IReadOnlyList<Guid> Muted,
    Media.MediaAccess? Media = null,
    bool Mesh = false);
