namespace Regional.Node.Tests.Support;

/// <summary>A wall clock that moves only when told. Timers and timestamps still run on real time:
/// this is for code that reads "now" (checkpoint timestamps, expiries), not for waiting.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>2025-01-01T00:00:00Z, a fixed start so tests are reproducible.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public ManualClock()
        : this(DefaultStart)
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward by delta (not backward: a wall clock in tests never jumps back).</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_lock)
        {
            _now += delta;
        }
    }
}
