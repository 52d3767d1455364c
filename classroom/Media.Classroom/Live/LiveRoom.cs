using Media.Classroom.Sessions;

namespace Media.Classroom.Live;

/// <summary>
/// The live state of one session, held by the process that runs its hub: who is here, raised hands, the page
/// shown, the classroom called on, a poll, the shared playback of a lesson, mutes and removals. Every decision the
/// host makes is enforced here, whatever a client sends. Thread-safe; snapshots are copies.
/// </summary>
internal sealed class LiveRoom(Guid sessionId, Guid hostId)
{
    public const int ChatMessagesPerWindow = 5;

    public static readonly TimeSpan ChatWindow = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Participant> _connections = [];
    private readonly List<Guid> _hands = [];
    private readonly HashSet<Guid> _muted = [];
    private readonly Dictionary<Guid, RateWindow> _chatWindows = [];
    private readonly HashSet<Guid> _removed = [];
    private int _page = 1;
    private Guid? _calledOn;
    private Poll? _poll;
    private PlaybackState _playback = new(false, 0, 1, DateTimeOffset.MinValue);

    public Guid SessionId { get; } = sessionId;

    public Guid HostId { get; } = hostId;

    /// <summary>Adds a connection; returns the connections of the same person it replaces (a second tab, a reconnect).</summary>
    public IReadOnlyList<string> Join(string connectionId, Participant participant)
    {
        lock (_lock)
        {
            if (_removed.Contains(participant.UserId))
            {
                throw new RoomException("The teacher removed you from this session.");
            }

            var replaced = _connections.Where(c => c.Value.UserId == participant.UserId).Select(c => c.Key).ToList();
            foreach (var old in replaced)
            {
                _connections.Remove(old);
            }

            _connections[connectionId] = participant;
            return replaced;
        }
    }

    /// <summary>Removes a connection; returns who left, or null when the connection was not (or no longer) in the room.</summary>
    public Participant? Leave(string connectionId)
    {
        lock (_lock)
        {
            if (!_connections.Remove(connectionId, out var participant))
            {
                return null;
            }

            _hands.Remove(participant.UserId);
            return participant;
        }
    }

    public Participant Member(string connectionId)
    {
        lock (_lock)
        {
            return _connections.TryGetValue(connectionId, out var participant)
                ? participant
                : throw new RoomException("Join the session first.");
        }
    }

    /// <summary>The connections of one person in the room (for relaying mesh signalling to them).</summary>
    public IReadOnlyList<string> ConnectionsOf(Guid userId)
    {
        lock (_lock)
        {
            return _connections.Where(c => c.Value.UserId == userId).Select(c => c.Key).ToList();
        }
    }

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count == 0;
            }
        }
    }

    public IReadOnlyList<Guid> RaiseHand(string connectionId, bool raised)
    {
        lock (_lock)
        {
            var who = Member(connectionId).UserId;
            if (raised && !_hands.Contains(who))
            {
                _hands.Add(who);
            }
            else if (!raised)
            {
                _hands.Remove(who);
            }

            return [.. _hands];
        }
    }

    /// <summary>The host takes a hand off the queue (after calling on that person).</summary>
    public IReadOnlyList<Guid> LowerHandOf(string connectionId, Guid userId)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "lower hands");
            _hands.Remove(userId);
            return [.. _hands];
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

            _page = page;
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

            _calledOn = endpointId;
            return endpointId;
        }
    }

    public ChatMessage Chat(string connectionId, string text, DateTimeOffset at)
    {
        lock (_lock)
        {
            var who = Member(connectionId);
            if (_muted.Contains(who.UserId))
            {
                throw new RoomException("The teacher has muted you.");
            }

            var trimmed = text?.Trim() ?? "";
            if (trimmed.Length is 0 or > 500)
            {
                throw new RoomException("A message has 1–500 characters.");
            }

            // A flood drowns the class (and every client renders it): a few messages per window per person.
            if (!_chatWindows.TryGetValue(who.UserId, out var recent))
            {
                _chatWindows[who.UserId] = recent = new RateWindow(ChatMessagesPerWindow, ChatWindow);
            }

            if (!recent.TryTake(at))
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
                _muted.Add(userId);
            }
            else
            {
                _muted.Remove(userId);
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

            _removed.Add(userId);
            _hands.Remove(userId);
            var gone = _connections.Where(c => c.Value.UserId == userId).Select(c => c.Key).ToList();
            foreach (var connection in gone)
            {
                _connections.Remove(connection);
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

            _poll = new Poll(Guid.NewGuid(), question.Trim(), [.. options.Select(o => o.Trim())], new int[options.Count], true, []);
            return _poll.Copy();
        }
    }

    public Poll Vote(string connectionId, Guid pollId, int option)
    {
        lock (_lock)
        {
            var who = Member(connectionId).UserId;
            if (_poll is null || _poll.Id != pollId || !_poll.Open)
            {
                throw new RoomException("That poll is closed.");
            }

            if (option < 0 || option >= _poll.Options.Count)
            {
                throw new RoomException("No such option.");
            }

            if (_poll.Voters.TryGetValue(who, out var previous))
            {
                _poll.Counts[previous]--;
            }

            _poll.Voters[who] = option;
            _poll.Counts[option]++;
            return _poll.Copy();
        }
    }

    public Poll ClosePoll(string connectionId)
    {
        lock (_lock)
        {
            RequireHost(connectionId, "close the poll");
            if (_poll is null)
            {
                throw new RoomException("No poll is running.");
            }

            _poll = _poll with { Open = false };
            return _poll.Copy();
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

            _playback = new PlaybackState(playing, position, rate, at);
            return _playback;
        }
    }

    public RoomSnapshot Snapshot(string connectionId, DateTimeOffset now)
    {
        lock (_lock)
        {
            var you = Member(connectionId);
            var participants = _connections.Values.DistinctBy(p => p.UserId).OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
            return new RoomSnapshot(SessionId, you, participants, [.. _hands], _page, _calledOn, _poll?.Copy(), _playback.At(now), [.. _muted]);
        }
    }

    /// <summary>How many different people are here.</summary>
    public int Headcount
    {
        get
        {
            lock (_lock)
            {
                return _connections.Values.Select(p => p.UserId).Distinct().Count();
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
