namespace Media.Classroom.Live;

/// <summary>At most a number of events in any window of time: the times of the recent ones, oldest first. Callers lock.</summary>
internal sealed class RateWindow(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _recent = new();

    /// <summary>Counts an event at <paramref name="now"/> when the window has room for it; false (and not counted) when full.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        while (_recent.Count > 0 && now - _recent.Peek() >= window)
        {
            _recent.Dequeue();
        }

        if (_recent.Count >= limit)
        {
            return false;
        }

        _recent.Enqueue(now);
        return true;
    }
}
