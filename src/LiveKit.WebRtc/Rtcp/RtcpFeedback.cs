using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 4585 §6.1, the common layout of RTPFB and PSFB feedback messages:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|   FMT   |       PT      |          length               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of packet sender                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of media source                         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// :            Feedback Control Information (FCI)                 :
// :                                                               :

/// <summary>Reads and writes the part every feedback message shares (RFC 4585 §6.1).</summary>
internal static class RtcpFeedback
{
    /// <summary>Offset of the packet sender's SSRC.</summary>
    public const int SenderSsrcOffset = 4;

    /// <summary>Offset of the media source's SSRC.</summary>
    public const int MediaSsrcOffset = 8;

    /// <summary>Offset of the FCI; also the length of a feedback message without FCI.</summary>
    public const int FciOffset = 12;

    /// <summary>
    /// Slices a feedback message of type <paramref name="packetType"/> and format <paramref name="format"/>
    /// off the start of <paramref name="data"/>; fails on any other type, format, or a short packet.
    /// </summary>
    public static bool TrySlice(
        ReadOnlySpan<byte> data,
        byte packetType,
        int format,
        out uint senderSsrc,
        out uint mediaSsrc,
        out ReadOnlySpan<byte> fci)
    {
        senderSsrc = 0;
        mediaSsrc = 0;
        fci = default;
        if (!RtcpHeader.TrySlice(data, out RtcpHeader header, out ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> body)
            || header.PacketType != packetType
            || header.Count != format
            || body.Length < FciOffset - RtcpHeader.Length)
        {
            return false;
        }

        senderSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet[SenderSsrcOffset..]);
        mediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet[MediaSsrcOffset..]);
        fci = body[(FciOffset - RtcpHeader.Length)..];
        return true;
    }

    /// <summary>Writes the header and both SSRCs for a message of <paramref name="packetLength"/> bytes (a multiple of 4).</summary>
    public static bool TryWriteHeader(Span<byte> destination, byte packetType, int format, int packetLength, uint senderSsrc, uint mediaSsrc)
    {
        if (packetLength < FciOffset || !RtcpHeader.TryWriteFor(destination, packetType, format, packetLength))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[SenderSsrcOffset..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[MediaSsrcOffset..], mediaSsrc);
        return true;
    }
}
