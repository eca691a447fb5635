using System;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.3.7 ABORT (and §3.3.13 SHUTDOWN COMPLETE, which has the same T flag and no causes):
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   Type = 6    |  Reserved   |T|            Length             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// \                                                               \
// /                   zero or more Error Causes                   /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>
/// An ABORT or SHUTDOWN COMPLETE chunk (RFC 9260 §3.3.7, §3.3.13). Malformed error causes do not fail the parse (an
/// ABORT is honoured regardless); <see cref="SctpErrorCauseReader.IsMalformed"/> tells.
/// </summary>
internal readonly ref struct SctpAbortChunk
{
    /// <summary>T: the verification tag is the receiver's own, reflected (RFC 9260 §8.5.1).</summary>
    public const byte TagReflectedFlag = 0x01;

    private readonly ReadOnlySpan<byte> _causes;

    private SctpAbortChunk(SctpChunkType type, byte flags, ReadOnlySpan<byte> causes)
    {
        Type = type;
        TagReflected = (flags & TagReflectedFlag) != 0;
        _causes = causes;
    }

    /// <summary><see cref="SctpChunkType.Abort"/> or <see cref="SctpChunkType.ShutdownComplete"/>.</summary>
    public SctpChunkType Type { get; }

    /// <summary>T: the packet carries the receiver's own verification tag rather than the sender's.</summary>
    public bool TagReflected { get; }

    /// <summary>The error causes; always empty for SHUTDOWN COMPLETE.</summary>
    public SctpErrorCauseReader Causes => new(_causes);

    /// <summary>Reads an ABORT or SHUTDOWN COMPLETE; false for another type.</summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpAbortChunk abort)
    {
        abort = default;
        if (chunk.Type is not (SctpChunkType.Abort or SctpChunkType.ShutdownComplete))
        {
            return false;
        }

        abort = new SctpAbortChunk(chunk.Type, chunk.Flags, chunk.Type == SctpChunkType.Abort ? chunk.Value : default);
        return true;
    }

    /// <summary>The T flag of any chunk; meaningful for ABORT and SHUTDOWN COMPLETE.</summary>
    public static bool IsTagReflected(scoped in SctpChunk chunk) => (chunk.Flags & TagReflectedFlag) != 0;
}
