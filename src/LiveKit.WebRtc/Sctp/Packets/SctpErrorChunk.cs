using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// An ERROR chunk (RFC 9260 §3.3.10): one or more error causes, reported without closing the association. Malformed
/// causes do not fail the parse; <see cref="SctpErrorCauseReader.IsMalformed"/> tells.
/// </summary>
internal readonly ref struct SctpErrorChunk
{
    private readonly ReadOnlySpan<byte> _causes;

    private SctpErrorChunk(ReadOnlySpan<byte> causes) => _causes = causes;

    /// <summary>The error causes.</summary>
    public SctpErrorCauseReader Causes => new(_causes);

    /// <summary>Reads an ERROR chunk; false for another type.</summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpErrorChunk error)
    {
        error = default;
        if (chunk.Type != SctpChunkType.Error)
        {
            return false;
        }

        error = new SctpErrorChunk(chunk.Value);
        return true;
    }
}
