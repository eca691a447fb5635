using System;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.3.5 HEARTBEAT and §3.3.6 HEARTBEAT ACK:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   Type = 4/5  |  Chunk Flags  |       Heartbeat Length        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |    Heartbeat Info Type = 1    |         HB Info Length        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// /                  Sender-Specific Heartbeat Info               /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A HEARTBEAT or HEARTBEAT ACK chunk (RFC 9260 §3.3.5, §3.3.6).</summary>
internal readonly ref struct SctpHeartbeatChunk
{
    private SctpHeartbeatChunk(SctpChunkType type, SctpParameter info)
    {
        Type = type;
        Info = info.Value;
        InfoParameter = info.Raw;
    }

    /// <summary><see cref="SctpChunkType.Heartbeat"/> or <see cref="SctpChunkType.HeartbeatAck"/>.</summary>
    public SctpChunkType Type { get; }

    /// <summary>The sender-specific heartbeat info, which HEARTBEAT ACK returns unchanged.</summary>
    public ReadOnlySpan<byte> Info { get; }

    /// <summary>The whole Heartbeat Info parameter, header included, without padding.</summary>
    public ReadOnlySpan<byte> InfoParameter { get; }

    /// <summary>
    /// Reads a HEARTBEAT or HEARTBEAT ACK; false for another type or when the value does not start with a well-framed
    /// Heartbeat Info parameter.
    /// </summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpHeartbeatChunk heartbeat)
    {
        heartbeat = default;
        if (chunk.Type is not (SctpChunkType.Heartbeat or SctpChunkType.HeartbeatAck)
            || !SctpParameter.TryRead(chunk.Value, out SctpParameter info, out _)
            || info.Type != SctpParameterType.HeartbeatInfo)
        {
            return false;
        }

        heartbeat = new SctpHeartbeatChunk(chunk.Type, info);
        return true;
    }
}
