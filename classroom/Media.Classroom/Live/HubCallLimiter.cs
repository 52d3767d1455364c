using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Media.Classroom.Live;

/// <summary>
/// Bounds how often one connection may call the classroom hub: generous for a real client (joining trickles dozens
/// of ICE candidates through <c>Signal</c>, a co-watching host seeks often), a wall against a script flooding the room.
/// </summary>
internal sealed class HubCallLimiter(TimeProvider time) : IHubFilter
{
    public const int CallsPerWindow = 200;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var now = time.GetUtcNow();
        var recent = _calls.GetOrAdd(invocationContext.Context.ConnectionId, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() >= Window)
            {
                recent.Dequeue();
            }

            if (recent.Count >= CallsPerWindow)
            {
                throw new HubException($"Too many requests: at most {CallsPerWindow} every {Window.TotalSeconds:0} seconds. Wait a moment.");
            }

            recent.Enqueue(now);
        }

        return await next(invocationContext);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _calls.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }
}
