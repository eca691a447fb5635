using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.3.4 SACK:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   Type = 3    |  Chunk Flags  |         Chunk Length          |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                      Cumulative TSN Ack                       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |          Advertised Receiver Window Credit (a_rwnd)           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |    Gap Ack Block #1 Start     |     Gap Ack Block #1 End      |  x N
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                        Duplicate TSN 1                        |  x M
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A SACK chunk (RFC 9260 §3.3.4).</summary>
internal readonly ref struct SctpSackChunk
{
    /// <summary>Length of the chunk before the gap ack blocks, chunk header included.</summary>
    public const int FixedSize = 16;

    /// <summary>Bytes per gap ack block and per duplicate TSN.</summary>
    public const int EntrySize = 4;

    private readonly ReadOnlySpan<byte> _gapBlocks;
    private readonly ReadOnlySpan<byte> _duplicates;

    private SctpSackChunk(ReadOnlySpan<byte> value, int gapCount, int duplicateCount)
    {
        CumulativeTsnAck = BinaryPrimitives.ReadUInt32BigEndian(value);
        AdvertisedReceiverWindowCredit = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
        int start = FixedSize - SctpChunk.HeaderSize;
        _gapBlocks = value.Slice(start, gapCount * EntrySize);
        _duplicates = value.Slice(start + _gapBlocks.Length, duplicateCount * EntrySize);
    }

    /// <summary>The highest TSN received in sequence.</summary>
    public uint CumulativeTsnAck { get; }

    /// <summary>The receive buffer space the sender has left.</summary>
    public uint AdvertisedReceiverWindowCredit { get; }

    /// <summary>Number of gap ack blocks.</summary>
    public int GapAckBlockCount => _gapBlocks.Length / EntrySize;

    /// <summary>Number of duplicate TSNs reported.</summary>
    public int DuplicateTsnCount => _duplicates.Length / EntrySize;

    /// <summary>
    /// Reads a SACK; false for another type, fewer than 16 bytes, or fewer bytes than the gap block and duplicate TSN
    /// counts need. Bytes past those are ignored.
    /// </summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpSackChunk sack)
    {
        sack = default;
        if (chunk.Type != SctpChunkType.Sack || chunk.Length < FixedSize)
        {
            return false;
        }

        ReadOnlySpan<byte> value = chunk.Value;
        int gapCount = BinaryPrimitives.ReadUInt16BigEndian(value[8..]);
        int duplicateCount = BinaryPrimitives.ReadUInt16BigEndian(value[10..]);
        if (chunk.Length < FixedSize + ((gapCount + duplicateCount) * EntrySize))
        {
            return false;
        }

        sack = new SctpSackChunk(value, gapCount, duplicateCount);
        return true;
    }

    /// <summary>
    /// Gap ack block <paramref name="index"/>: offsets from <see cref="CumulativeTsnAck"/> of the first and last TSN
    /// of a run received after a gap.
    /// </summary>
    public (ushort Start, ushort End) GetGapAckBlock(int index)
    {
        ReadOnlySpan<byte> block = _gapBlocks.Slice(index * EntrySize, EntrySize);
        return (BinaryPrimitives.ReadUInt16BigEndian(block), BinaryPrimitives.ReadUInt16BigEndian(block[2..]));
    }

    /// <summary>Duplicate TSN <paramref name="index"/>.</summary>
    public uint GetDuplicateTsn(int index) => BinaryPrimitives.ReadUInt32BigEndian(_duplicates.Slice(index * EntrySize, EntrySize));
}
