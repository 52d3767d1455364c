namespace Media.Testing;

/// <summary>
/// The host's clock: the real time plus an offset a test moves forward, so that a test of deadlines jumps past one
/// instead of sleeping until it passes (a sleep races a loaded machine); it can also stand still, so that a test of
/// "no more than real time allows" does not depend on how fast the machine answers.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;
    private DateTimeOffset? _frozenAt;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        if (_frozenAt is { } frozen)
        {
            _frozenAt = frozen + by;
        }
    }

    /// <summary>Stops the clock until the returned handle is disposed.</summary>
    public IDisposable Freeze()
    {
        _frozenAt = GetUtcNow();
        return new Thaw(this);
    }

    public override DateTimeOffset GetUtcNow() => _frozenAt ?? base.GetUtcNow() + Offset;

    private sealed class Thaw(ShiftedClock clock) : IDisposable
    {
        public void Dispose() => clock._frozenAt = null;
    }
}
