namespace Media.Testing;

/// <summary>
/// The host's clock: the real time plus an offset a test moves forward, so that a test of deadlines jumps past one
/// instead of sleeping until it passes (a sleep races a loaded machine).
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
