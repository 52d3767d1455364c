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

    private readonly ConcurrentDictionary<string, RateWindow> _calls = new(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var recent = _calls.GetOrAdd(invocationContext.Context.ConnectionId, _ => new RateWindow(CallsPerWindow, Window));
        bool allowed;
        lock (recent)
        {
            allowed = recent.TryTake(time.GetUtcNow());
        }

        if (!allowed)
        {
            throw new HubException($"Too many requests: at most {CallsPerWindow} every {Window.TotalSeconds:0} seconds. Wait a moment.");
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
