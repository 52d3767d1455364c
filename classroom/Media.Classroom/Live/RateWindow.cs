namespace Media.Classroom.Live;

/// <summary>At most a number of events in any window of time: the times of the recent ones, oldest first. Callers lock.</summary>
internal sealed class RateWindow(int limit, TimeSpan window)
{
    private readonly List<DateTimeOffset> _recent = [];

    /// <summary>Counts an event at <paramref name="now"/> when the window has room for it; false (and not counted) when full.</summary>
    public bool TryTake(DateTimeOffset now) => TryTake(_recent, limit, window, now);

    /// <summary>The same rule over times kept elsewhere (a room's state), oldest first.</summary>
    public static bool TryTake(List<DateTimeOffset> recent, int limit, TimeSpan window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recent);
        recent.RemoveAll(t => now - t >= window);
        if (recent.Count >= limit)
        {
            return false;
        }

        recent.Add(now);
        return true;
    }
}
