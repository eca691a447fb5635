using System;

namespace LiveKit.Media.Audio;

/// <summary>Settings of an <see cref="AudioJitterBuffer"/>; the defaults suit Opus at 48 kHz in 20 ms packets.</summary>
internal sealed class AudioJitterBufferOptions
{
    /// <summary>The RTP clock rate of the stream's timestamps (48,000 for Opus, RFC 7587 section 4.1).</summary>
    public int ClockRate { get; init; } = 48_000;

    /// <summary>The most packets held; when a newer packet does not fit, the oldest are dropped (counted).</summary>
    public int Capacity { get; init; } = 64;

    /// <summary>
    /// How much audio is buffered before playout starts, and again after an underrun: the longest a late packet can be
    /// waited for. With <see cref="Adaptive"/>, the lower bound of the adapted value.
    /// </summary>
    public TimeSpan TargetDelay { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>
    /// The most audio kept waiting while playing; past it, the oldest packets are dropped down to the target, so that a
    /// sender clock faster than the caller's does not grow the latency without bound.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Raise the target delay with the measured jitter: frame duration + 3 x jitter, at most half of
    /// <see cref="MaxDelay"/>.
    /// </summary>
    public bool Adaptive { get; init; } = true;

    /// <summary>The packet duration assumed until consecutive packets' timestamps tell the real one.</summary>
    public TimeSpan FrameDuration { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The largest payload stored; larger ones are dropped (counted). Opus packets stay under 1,275 bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 1_500;

    /// <summary>The clock that stamps arrivals and decides how long a packet has waited; tests inject their own.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
