using System;

namespace LiveKit.WebRtc.Rtcp;

/// <summary>One packet of a compound RTCP packet: its header, its bytes and its body.</summary>
internal readonly ref struct RtcpPacketView
{
    /// <summary>Creates a view.</summary>
    public RtcpPacketView(RtcpHeader header, ReadOnlySpan<byte> packet, ReadOnlySpan<byte> body)
    {
        Header = header;
        Packet = packet;
        Body = body;
    }

    /// <summary>The common header.</summary>
    public RtcpHeader Header { get; }

    /// <summary>The whole packet, header and padding included; pass this to a packet's TryParse.</summary>
    public ReadOnlySpan<byte> Packet { get; }

    /// <summary>The bytes after the header, padding removed.</summary>
    public ReadOnlySpan<byte> Body { get; }
}
