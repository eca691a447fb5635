using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.3.8 SHUTDOWN:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   Type = 7    |  Chunk Flags  |          Length = 8           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                      Cumulative TSN Ack                       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A SHUTDOWN chunk (RFC 9260 §3.3.8).</summary>
internal readonly ref struct SctpShutdownChunk
{
    /// <summary>Length of the chunk.</summary>
    public const int Size = 8;

    private SctpShutdownChunk(uint cumulativeTsnAck) => CumulativeTsnAck = cumulativeTsnAck;

    /// <summary>The highest TSN the sender received in sequence.</summary>
    public uint CumulativeTsnAck { get; }

    /// <summary>Reads a SHUTDOWN; false for another type or fewer than 8 bytes.</summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpShutdownChunk shutdown)
    {
        shutdown = default;
        if (chunk.Type != SctpChunkType.Shutdown || chunk.Length < Size)
        {
            return false;
        }

        shutdown = new SctpShutdownChunk(BinaryPrimitives.ReadUInt32BigEndian(chunk.Value));
        return true;
    }
}
