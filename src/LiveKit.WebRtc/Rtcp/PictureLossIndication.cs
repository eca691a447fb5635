using System;

namespace LiveKit.WebRtc.Rtcp;

// RFC 4585 §6.3.1, PLI: a PSFB message with FMT=1 and no FCI.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|  FMT=1  |    PT=206     |          length=2             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of packet sender                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of media source                         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>Picture loss indication (RFC 4585 §6.3.1): asks the media sender for a key frame.</summary>
internal readonly record struct PictureLossIndication(uint SenderSsrc, uint MediaSsrc)
{
    /// <summary>Serialized length in bytes.</summary>
    public const int Length = RtcpFeedback.FciOffset;

    /// <summary>Parses the PLI at the start of <paramref name="data"/>; trailing FCI bytes are ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out PictureLossIndication pli)
    {
        pli = default;
        if (!RtcpFeedback.TrySlice(data, RtcpPacketType.PayloadSpecificFeedback, RtcpPacketType.FormatPictureLossIndication, out uint sender, out uint media, out _))
        {
            return false;
        }

        pli = new PictureLossIndication(sender, media);
        return true;
    }

    /// <summary>Serialized length in bytes.</summary>
    public int GetSerializedLength() => Length;

    /// <summary>Writes the PLI.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        bool ok = RtcpFeedback.TryWriteHeader(destination, RtcpPacketType.PayloadSpecificFeedback, RtcpPacketType.FormatPictureLossIndication, Length, SenderSsrc, MediaSsrc);
        written = ok ? Length : 0;
        return ok;
    }
}
