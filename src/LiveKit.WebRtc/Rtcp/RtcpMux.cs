using System;

namespace LiveKit.WebRtc.Rtcp;

/// <summary>Tells RTP from RTCP on a multiplexed port (RFC 5761 §4).</summary>
internal static class RtcpMux
{
    private const int PacketTypeOffset = 1;
    private const byte FirstRtcpPacketType = 192;
    private const byte LastRtcpPacketType = 223;

    /// <summary>
    /// True when the second byte (the RTCP packet type, or the RTP marker and payload type) is in 192..223:
    /// RTP payload types 64..95 are kept free so this test is unambiguous.
    /// </summary>
    public static bool IsRtcp(ReadOnlySpan<byte> packet) =>
        packet.Length > PacketTypeOffset && packet[PacketTypeOffset] is >= FirstRtcpPacketType and <= LastRtcpPacketType;
}
