using System.Text.Json;
using Media.Platform.Cluster;

namespace Media.Classroom.Live;

/// <summary>
/// The rooms of the sessions running now, kept in the deployment's shared state (this process by default, Redis when
/// configured) so that any node serves any participant and a node's death loses nothing. Each change reads the room,
/// applies one <see cref="LiveRoom"/> operation and writes it back only if nobody changed it meanwhile (else it is
/// read and applied again), so concurrent changes from several nodes all take effect.
/// </summary>
internal sealed class LiveRooms(ISharedState shared)
{
    // Changes to one room from this node take turns, so that only changes from different nodes can collide (a whole
    // class joining at once would otherwise retry each other out).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> _turns = new();

    /// <summary>A room nobody changed for this long is forgotten (a session that was never ended).</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const int MaxAttempts = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Group(Guid sessionId) => $"session:{sessionId:N}";

    private static string Key(Guid sessionId) => $"classroom:room:{sessionId:N}";

    /// <summary>
    /// Applies <paramref name="change"/> to the session's room, creating it for <paramref name="hostId"/> when there is
    /// none; without a host the room must exist. A <see cref="RoomException"/> from the change leaves the room as it was.
    /// </summary>
    public async Task<T> ChangeAsync<T>(Guid sessionId, Guid? hostId, Func<LiveRoom, T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var turn = _turns.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync();
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var stored = await shared.GetAsync(Key(sessionId));
                var room = stored is not null
                    ? new LiveRoom(JsonSerializer.Deserialize<LiveRoomState>(stored, Json)!)
                    : hostId is { } host ? new LiveRoom(sessionId, host) : throw new RoomException("Join the session first.");
                var result = change(room);
                if (await shared.TryReplaceAsync(Key(sessionId), stored, JsonSerializer.Serialize(room.State, Json), Lifetime))
                {
                    return result;
                }

                // Another node changed the room first: let it get ahead before reading again.
                await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 5));
            }
        }
        finally
        {
            turn.Release();
        }

        throw new InvalidOperationException($"Room {sessionId} kept changing under {MaxAttempts} attempts in a row.");
    }

    /// <summary>Reads the room (null when the session has none running).</summary>
    public async Task<T?> ReadAsync<T>(Guid sessionId, Func<LiveRoom, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var stored = await shared.GetAsync(Key(sessionId));
        return stored is null ? default : read(new LiveRoom(JsonSerializer.Deserialize<LiveRoomState>(stored, Json)!));
    }

    public async Task CloseAsync(Guid sessionId)
    {
        _turns.TryRemove(sessionId, out _);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await shared.GetAsync(Key(sessionId));
            if (stored is null || await shared.TryReplaceAsync(Key(sessionId), stored, null, Lifetime))
            {
                return;
            }
        }
    }
}
