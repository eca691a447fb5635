using System;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>How a <see cref="LossyUdpRelay"/> mistreats datagrams; the rates can be changed later on the relay itself.</summary>
public sealed record LossyUdpRelayOptions
{
    /// <summary>Seeds the relay's decisions: direction A to B uses <c>Seed</c>, B to A <c>Seed + 1</c>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The fraction of datagrams dropped, in each direction (0 to 1).</summary>
    public double DropRate { get; init; }

    /// <summary>The fraction of datagrams held back and released after the next one in the same direction (0 to 1).</summary>
    public double ReorderRate { get; init; }

    /// <summary>
    /// How long a held datagram waits for a next one before it goes anyway (so that the last datagram of a burst is
    /// delayed, not lost). <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: it waits for the next one however long.
    /// </summary>
    public TimeSpan MaxHold { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Sees a copy of every datagram as it arrives, before its fate is drawn (true: it came from side A), on the relay's
    /// receive loop: keep it short. Null by default.
    /// </summary>
    public Action<bool, byte[]>? Observer { get; init; }

    /// <summary>SO_RCVBUF and SO_SNDBUF of the relay's sockets: large, so that the relay itself loses nothing.</summary>
    public int SocketBufferSize { get; init; } = 8 * 1024 * 1024;
}
