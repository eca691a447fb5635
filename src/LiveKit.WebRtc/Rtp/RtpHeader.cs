using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtp;

// RFC 3550 §5.1, the fixed RTP header:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                           timestamp                           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           synchronization source (SSRC) identifier            |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |            contributing source (CSRC) identifiers             |
// |                             ....                              |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>The fixed 12-byte RTP header (RFC 3550 §5.1); CSRCs and extensions live in <see cref="RtpPacket"/>.</summary>
internal readonly record struct RtpHeader
{
    /// <summary>Length of the fixed header in bytes.</summary>
    public const int FixedLength = 12;

    /// <summary>The only RTP version in use (RFC 3550 §5.1).</summary>
    public const int Version2 = 2;

    /// <summary>Maximum number of CSRCs (4-bit CC field).</summary>
    public const int MaxCsrcCount = 15;

    private const int VersionShift = 6;
    private const byte PaddingBit = 0x20;
    private const byte ExtensionBit = 0x10;
    private const byte CsrcCountMask = 0x0F;
    private const byte MarkerBit = 0x80;
    private const byte PayloadTypeMask = 0x7F;
    private const int SequenceNumberOffset = 2;
    private const int TimestampOffset = 4;
    private const int SsrcOffset = 8;

    /// <summary>P: the packet ends with padding whose length is its last byte.</summary>
    public bool Padding { get; init; }

    /// <summary>X: a header extension follows the CSRC list.</summary>
    public bool Extension { get; init; }

    /// <summary>CC: number of CSRC identifiers (0..15).</summary>
    public int CsrcCount { get; init; }

    /// <summary>M: profile-defined marker (end of a video frame, start of a talkspurt).</summary>
    public bool Marker { get; init; }

    /// <summary>PT: payload type (0..127).</summary>
    public byte PayloadType { get; init; }

    /// <summary>Sequence number; wraps at 2^16 (compare with <see cref="RtpSequenceNumber"/>).</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>Media timestamp in clock-rate units.</summary>
    public uint Timestamp { get; init; }

    /// <summary>Synchronization source identifier.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Reads the fixed header. Fails on short input or a version other than 2.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpHeader header)
    {
        header = default;
        if (data.Length < FixedLength || data[0] >> VersionShift != Version2)
        {
            return false;
        }

        header = new RtpHeader
        {
            Padding = (data[0] & PaddingBit) != 0,
            Extension = (data[0] & ExtensionBit) != 0,
            CsrcCount = data[0] & CsrcCountMask,
            Marker = (data[1] & MarkerBit) != 0,
            PayloadType = (byte)(data[1] & PayloadTypeMask),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(data[SequenceNumberOffset..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(data[TimestampOffset..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(data[SsrcOffset..]),
        };
        return true;
    }

    /// <summary>Length of the fixed header; CSRCs are written by <see cref="RtpPacketWriter"/>.</summary>
    public int GetSerializedLength() => FixedLength;

    /// <summary>Writes the 12 fixed bytes exactly as the flags and fields say.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < FixedLength || (uint)CsrcCount > MaxCsrcCount || PayloadType > PayloadTypeMask)
        {
            return false;
        }

        destination[0] = (byte)((Version2 << VersionShift)
            | (Padding ? PaddingBit : 0)
            | (Extension ? ExtensionBit : 0)
            | CsrcCount);
        destination[1] = (byte)((Marker ? MarkerBit : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[SequenceNumberOffset..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[TimestampOffset..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[SsrcOffset..], Ssrc);
        written = FixedLength;
        return true;
    }
}
