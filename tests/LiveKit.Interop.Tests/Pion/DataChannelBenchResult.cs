using System;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>One data channel run of the pion bench: the time Go measured and what was carried.</summary>
/// <param name="Elapsed">From the first send until the receiver counted the last message.</param>
/// <param name="Messages">Messages carried.</param>
/// <param name="Bytes">Bytes carried.</param>
public sealed record DataChannelBenchResult(TimeSpan Elapsed, long Messages, long Bytes)
{
    /// <summary>Megabytes (10^6 bytes) per second.</summary>
    public double MegabytesPerSecond => Bytes / 1e6 / Elapsed.TotalSeconds;

    /// <summary>Messages per second.</summary>
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Messages} messages, {Bytes} B in {Elapsed.TotalMilliseconds:0.0} ms: {MegabytesPerSecond:0.0} MB/s, {MessagesPerSecond:0} msg/s";
}
