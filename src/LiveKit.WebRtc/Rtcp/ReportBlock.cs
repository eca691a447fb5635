using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 3550 §6.4.1, a reception report block:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |                 SSRC_1 (SSRC of first source)                 |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// | fraction lost |       cumulative number of packets lost       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           extended highest sequence number received           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                      interarrival jitter                      |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                         last SR (LSR)                         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                   delay since last SR (DLSR)                  |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+

/// <summary>One reception report block of an SR or RR (RFC 3550 §6.4.1).</summary>
internal readonly record struct ReportBlock
{
    /// <summary>Serialized length in bytes.</summary>
    public const int Length = 24;

    /// <summary>Smallest cumulative loss the signed 24-bit field holds.</summary>
    public const int MinCumulativeLost = -0x800000;

    /// <summary>Largest cumulative loss the signed 24-bit field holds.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    private const int FractionLostOffset = 4;
    private const int CumulativeLostOffset = 5;
    private const int HighestSequenceOffset = 8;
    private const int JitterOffset = 12;
    private const int LastSenderReportOffset = 16;
    private const int DelaySinceLastSenderReportOffset = 20;
    private const int Int24SignBit = 0x800000;
    private const int Int24Mask = 0xFFFFFF;

    /// <summary>SSRC of the source this block reports on.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Fraction of packets lost since the last report, in 1/256 units.</summary>
    public byte FractionLost { get; init; }

    /// <summary>Cumulative packets lost (signed 24-bit: duplicates can make it negative).</summary>
    public int CumulativeLost { get; init; }

    /// <summary>Cycles (high 16 bits) and highest sequence number received (low 16 bits).</summary>
    public uint ExtendedHighestSequenceNumber { get; init; }

    /// <summary>Interarrival jitter in timestamp units.</summary>
    public uint Jitter { get; init; }

    /// <summary>Middle 32 bits of the NTP timestamp of the last SR received.</summary>
    public uint LastSenderReport { get; init; }

    /// <summary>Delay since that SR, in 1/65536 seconds.</summary>
    public uint DelaySinceLastSenderReport { get; init; }

    /// <summary>Reads a block from the first 24 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out ReportBlock block)
    {
        block = default;
        if (data.Length < Length)
        {
            return false;
        }

        int lost = (data[CumulativeLostOffset] << 16) | (data[CumulativeLostOffset + 1] << 8) | data[CumulativeLostOffset + 2];
        if ((lost & Int24SignBit) != 0)
        {
            lost -= Int24SignBit << 1;
        }

        block = new ReportBlock
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(data),
            FractionLost = data[FractionLostOffset],
            CumulativeLost = lost,
            ExtendedHighestSequenceNumber = BinaryPrimitives.ReadUInt32BigEndian(data[HighestSequenceOffset..]),
            Jitter = BinaryPrimitives.ReadUInt32BigEndian(data[JitterOffset..]),
            LastSenderReport = BinaryPrimitives.ReadUInt32BigEndian(data[LastSenderReportOffset..]),
            DelaySinceLastSenderReport = BinaryPrimitives.ReadUInt32BigEndian(data[DelaySinceLastSenderReportOffset..]),
        };
        return true;
    }

    /// <summary>Serialized length in bytes.</summary>
    public int GetSerializedLength() => Length;

    /// <summary>Writes the block; fails when the cumulative loss does not fit 24 bits.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length || CumulativeLost is < MinCumulativeLost or > MaxCumulativeLost)
        {
            return false;
        }

        int lost = CumulativeLost & Int24Mask;
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        destination[FractionLostOffset] = FractionLost;
        destination[CumulativeLostOffset] = (byte)(lost >> 16);
        destination[CumulativeLostOffset + 1] = (byte)(lost >> 8);
        destination[CumulativeLostOffset + 2] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(destination[HighestSequenceOffset..], ExtendedHighestSequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[JitterOffset..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[LastSenderReportOffset..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[DelaySinceLastSenderReportOffset..], DelaySinceLastSenderReport);
        written = Length;
        return true;
    }
}
