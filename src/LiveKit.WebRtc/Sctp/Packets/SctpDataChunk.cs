using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.3.1 DATA, with the I bit of RFC 7053:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   Type = 0    |  Res  |I|U|B|E|            Length             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                              TSN                              |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |      Stream Identifier S      |   Stream Sequence Number n    |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  Payload Protocol Identifier                  |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// \                                                               \
// /                 User Data (seq n of Stream S)                 /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A DATA chunk (RFC 9260 §3.3.1).</summary>
internal readonly ref struct SctpDataChunk
{
    /// <summary>Length of the chunk before the user data, chunk header included.</summary>
    public const int HeaderSize = 16;

    /// <summary>E: the last fragment of a user message.</summary>
    public const byte EndingFlag = 0x01;

    /// <summary>B: the first fragment of a user message.</summary>
    public const byte BeginningFlag = 0x02;

    /// <summary>U: an unordered user message.</summary>
    public const byte UnorderedFlag = 0x04;

    /// <summary>I: the receiver should SACK at once (RFC 7053 §3).</summary>
    public const byte ImmediateFlag = 0x08;

    private SctpDataChunk(byte flags, ReadOnlySpan<byte> value)
    {
        Flags = flags;
        Tsn = BinaryPrimitives.ReadUInt32BigEndian(value);
        StreamId = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        StreamSequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(value[6..]);
        PayloadProtocolId = BinaryPrimitives.ReadUInt32BigEndian(value[8..]);
        UserData = value[(HeaderSize - SctpChunk.HeaderSize)..];
    }

    /// <summary>The chunk flags.</summary>
    public byte Flags { get; }

    /// <summary>Transmission sequence number.</summary>
    public uint Tsn { get; }

    /// <summary>The stream the message belongs to.</summary>
    public ushort StreamId { get; }

    /// <summary>Stream sequence number; meaningless for unordered messages.</summary>
    public ushort StreamSequenceNumber { get; }

    /// <summary>Payload protocol identifier, in host order (WebRTC uses the values of RFC 8831 §8).</summary>
    public uint PayloadProtocolId { get; }

    /// <summary>The user data, without padding; never empty.</summary>
    public ReadOnlySpan<byte> UserData { get; }

    /// <summary>U: the message is delivered unordered.</summary>
    public bool IsUnordered => (Flags & UnorderedFlag) != 0;

    /// <summary>B: the first fragment of a message.</summary>
    public bool IsBeginning => (Flags & BeginningFlag) != 0;

    /// <summary>E: the last fragment of a message.</summary>
    public bool IsEnding => (Flags & EndingFlag) != 0;

    /// <summary>I: the sender asks for an immediate SACK (RFC 7053).</summary>
    public bool IsImmediate => (Flags & ImmediateFlag) != 0;

    /// <summary>
    /// Reads a DATA chunk; false for another type or fewer than 17 bytes. A DATA chunk without user data is a
    /// protocol error (RFC 9260 §3.3.1, answered with a "No User Data" cause, §6.2) and fails here too.
    /// </summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpDataChunk data)
    {
        data = default;
        if (chunk.Type != SctpChunkType.Data || chunk.Length <= HeaderSize)
        {
            return false;
        }

        data = new SctpDataChunk(chunk.Flags, chunk.Value);
        return true;
    }

    /// <summary>
    /// True for a DATA chunk that has a full header but no user data, which the receiver reports with a "No User Data"
    /// cause carrying <paramref name="tsn"/> (RFC 9260 §6.2) before aborting.
    /// </summary>
    public static bool IsWithoutUserData(scoped in SctpChunk chunk, out uint tsn)
    {
        tsn = 0;
        if (chunk.Type != SctpChunkType.Data || chunk.Length != HeaderSize)
        {
            return false;
        }

        tsn = BinaryPrimitives.ReadUInt32BigEndian(chunk.Value);
        return true;
    }
}
