using System;
using System.Threading;

namespace LiveKit.WebRtc;

/// <summary>Thread-safe packet and byte counters for one direction, plus drops by reason.</summary>
internal sealed class PacketCounters
{
    private readonly long[] _drops = new long[Enum.GetValues<PacketDropReason>().Length];
    private long _packets;
    private long _bytes;
    private long _rtcpPackets;

    public long Packets => Interlocked.Read(ref _packets);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long RtcpPackets => Interlocked.Read(ref _rtcpPackets);

    public void CountRtp(int bytes)
    {
        Interlocked.Increment(ref _packets);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void CountRtcp() => Interlocked.Increment(ref _rtcpPackets);

    public void CountDrop(PacketDropReason reason) => Interlocked.Increment(ref _drops[(int)reason]);

    public long Drops(PacketDropReason reason) => Interlocked.Read(ref _drops[(int)reason]);
}
