using System;

namespace LiveKit.Media.Tests.Audio;

/// <summary>A clock that only moves when the test says so: jitter-buffer timing without sleeping.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerHour;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
