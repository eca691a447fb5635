using System;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.2, every chunk:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// \                                                               \
// /                          Chunk Value                          /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Chunk Length counts the header and value, not the zero padding to a multiple of 4 that follows.

/// <summary>One chunk of a received packet: a view of its bytes, padding excluded (RFC 9260 §3.2).</summary>
internal readonly ref struct SctpChunk
{
    /// <summary>Length of the type, flags and length fields.</summary>
    public const int HeaderSize = SctpTlv.HeaderSize;

    private readonly byte _type;

    private SctpChunk(ReadOnlySpan<byte> raw)
    {
        _type = raw[0];
        Flags = raw[1];
        Raw = raw;
    }

    /// <summary>The chunk type, known to this stack or not.</summary>
    public SctpChunkType Type => (SctpChunkType)_type;

    /// <summary>The chunk flags; their meaning depends on the type.</summary>
    public byte Flags { get; }

    /// <summary>The chunk length field: header and value, without padding.</summary>
    public int Length => Raw.Length;

    /// <summary>The value after the 4-byte header, without padding.</summary>
    public ReadOnlySpan<byte> Value => Raw.Length >= HeaderSize ? Raw[HeaderSize..] : default;

    /// <summary>The whole chunk, header included, without padding; what an "Unrecognized Chunk Type" cause echoes.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>What to do if this chunk's type is not understood (RFC 9260 §3.2).</summary>
    public SctpUnknownChunkAction UnknownChunkAction => GetUnknownChunkAction(_type);

    /// <summary>
    /// What a receiver that does not understand chunk type <paramref name="type"/> does, from its upper two bits
    /// (RFC 9260 §3.2).
    /// </summary>
    public static SctpUnknownChunkAction GetUnknownChunkAction(byte type) => (SctpUnknownChunkAction)(type >> 6);

    /// <summary>True for the chunk types in <see cref="SctpChunkType"/>.</summary>
    public static bool IsKnownType(byte type) => (SctpChunkType)type is SctpChunkType.Data or SctpChunkType.Init
        or SctpChunkType.InitAck or SctpChunkType.Sack or SctpChunkType.Heartbeat or SctpChunkType.HeartbeatAck
        or SctpChunkType.Abort or SctpChunkType.Shutdown or SctpChunkType.ShutdownAck or SctpChunkType.Error
        or SctpChunkType.CookieEcho or SctpChunkType.CookieAck or SctpChunkType.ShutdownComplete
        or SctpChunkType.ReConfig or SctpChunkType.ForwardTsn;

    /// <summary>
    /// Reads the chunk at the start of <paramref name="data"/>; <paramref name="advance"/> is its length with padding.
    /// False when the header is cut short, the length field is below 4, or the chunk or its padding runs past the end.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out SctpChunk chunk, out int advance)
    {
        chunk = default;
        if (!SctpTlv.TryFrame(data, lastMayBeUnpadded: false, out int length, out advance))
        {
            return false;
        }

        chunk = new SctpChunk(data[..length]);
        return true;
    }
}
