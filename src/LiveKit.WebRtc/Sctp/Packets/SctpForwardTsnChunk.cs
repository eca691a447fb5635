using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 3758 §3.2 FORWARD TSN:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                      New Cumulative TSN                       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |         Stream-1              |       Stream Sequence-1       |  x N
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A FORWARD TSN chunk (RFC 3758 §3.2).</summary>
internal readonly ref struct SctpForwardTsnChunk
{
    /// <summary>Length of the chunk before the stream entries, chunk header included.</summary>
    public const int FixedSize = 8;

    /// <summary>Bytes per stream entry.</summary>
    public const int EntrySize = 4;

    private readonly ReadOnlySpan<byte> _streams;

    private SctpForwardTsnChunk(ReadOnlySpan<byte> value)
    {
        NewCumulativeTsn = BinaryPrimitives.ReadUInt32BigEndian(value);
        _streams = value[(FixedSize - SctpChunk.HeaderSize)..];
    }

    /// <summary>The TSN the receiver should move its cumulative ack point to.</summary>
    public uint NewCumulativeTsn { get; }

    /// <summary>Number of (stream, SSN) entries.</summary>
    public int StreamCount => _streams.Length / EntrySize;

    /// <summary>Reads a FORWARD TSN; false for another type, fewer than 8 bytes, or a partial stream entry.</summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpForwardTsnChunk forwardTsn)
    {
        forwardTsn = default;
        if (chunk.Type != SctpChunkType.ForwardTsn
            || chunk.Length < FixedSize
            || (chunk.Length - FixedSize) % EntrySize != 0)
        {
            return false;
        }

        forwardTsn = new SctpForwardTsnChunk(chunk.Value);
        return true;
    }

    /// <summary>Entry <paramref name="index"/>: a stream and the largest SSN skipped on it.</summary>
    public (ushort StreamId, ushort StreamSequence) GetStream(int index)
    {
        ReadOnlySpan<byte> entry = _streams.Slice(index * EntrySize, EntrySize);
        return (BinaryPrimitives.ReadUInt16BigEndian(entry), BinaryPrimitives.ReadUInt16BigEndian(entry[2..]));
    }
}
