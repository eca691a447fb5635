using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// The few RTP and RTCP header fields SRTP needs, read without trusting the bytes.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |  RTP (RFC 3550 §5.1)
/// |                           timestamp                           |
/// |                             SSRC                              |
/// |            contributing source (CSRC) identifiers ...         |
/// |  extension profile (if X)     |  extension length in words    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|   RC    |      PT       |            length             |  RTCP (RFC 3550 §6.4)
/// |                         SSRC of sender                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
internal static class SrtpPacketHeader
{
    /// <summary>Fixed RTP header length.</summary>
    public const int RtpFixedHeaderLength = 12;

    /// <summary>RTCP header plus sender SSRC: the part SRTCP leaves in the clear (RFC 3711 §3.4).</summary>
    public const int RtcpClearHeaderLength = 8;

    private const int Version = 2;
    private const int VersionShift = 6;
    private const byte ExtensionBit = 0x10;
    private const byte CsrcCountMask = 0x0F;
    private const int CsrcLength = 4;
    private const int ExtensionHeaderLength = 4;
    private const int SequenceOffset = 2;
    private const int RtpSsrcOffset = 8;
    private const int RtcpSsrcOffset = 4;

    /// <summary>Length of the RTP header including CSRCs and header extension, or false if the bytes cannot hold one.</summary>
    public static bool TryGetRtpHeaderLength(ReadOnlySpan<byte> packet, out int headerLength)
    {
        headerLength = 0;
        if (packet.Length < RtpFixedHeaderLength || packet[0] >> VersionShift != Version)
        {
            return false;
        }

        int length = RtpFixedHeaderLength + ((packet[0] & CsrcCountMask) * CsrcLength);
        if ((packet[0] & ExtensionBit) != 0)
        {
            if (packet.Length < length + ExtensionHeaderLength)
            {
                return false;
            }

            int words = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(length + 2));
            length += ExtensionHeaderLength + (words * 4);
        }

        if (length > packet.Length)
        {
            return false;
        }

        headerLength = length;
        return true;
    }

    /// <summary>Whether the bytes can hold an RTCP header and sender SSRC.</summary>
    public static bool IsRtcpHeader(ReadOnlySpan<byte> packet) =>
        packet.Length >= RtcpClearHeaderLength && packet[0] >> VersionShift == Version;

    /// <summary>The RTP sequence number; the caller has checked the header length.</summary>
    public static ushort ReadRtpSequence(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(SequenceOffset));

    /// <summary>The RTP SSRC; the caller has checked the header length.</summary>
    public static uint ReadRtpSsrc(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(RtpSsrcOffset));

    /// <summary>The RTCP sender SSRC; the caller has checked the header length.</summary>
    public static uint ReadRtcpSsrc(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(RtcpSsrcOffset));
}
