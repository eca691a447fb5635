using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Walks the chunks of a packet in order without allocating. The framing is checked when the reader is made: a chunk
/// whose length is below 4 or whose bytes or padding run past the end of the packet (RFC 9260 §3.2), or a packet
/// shorter than the common header, sets <see cref="IsMalformed"/>, and enumeration stops before that chunk. Because
/// the check is done up front, <see cref="IsMalformed"/> is right on any copy, including after <c>foreach</c>, and
/// a receiver can drop a malformed packet before acting on any of its chunks.
/// </summary>
internal ref struct SctpChunkReader
{
    private readonly ReadOnlySpan<byte> _packet;
    private int _offset;
    private SctpChunk _current;

    /// <summary>Starts a walk over a whole packet, common header included.</summary>
    public SctpChunkReader(ReadOnlySpan<byte> packet)
    {
        _packet = packet;
        _offset = SctpCommonHeader.Size;
        _current = default;
        CurrentOffset = 0;
        if (packet.Length < SctpCommonHeader.Size)
        {
            IsMalformed = true;
            Count = 0;
        }
        else
        {
            IsMalformed = !SctpTlv.IsWellFormedRun(packet[SctpCommonHeader.Size..], lastMayBeUnpadded: false, out int count);
            Count = count;
        }
    }

    /// <summary>The chunk found by the last successful <see cref="MoveNext"/>.</summary>
    public readonly SctpChunk Current => _current;

    /// <summary>Offset of <see cref="Current"/> within the packet.</summary>
    public int CurrentOffset { get; private set; }

    /// <summary>True when the packet holds bytes that are not a valid chunk; the walk stops before them.</summary>
    public bool IsMalformed { get; }

    /// <summary>Number of well-framed chunks the walk yields.</summary>
    public int Count { get; }

    /// <summary>Lets <c>foreach</c> use this reader directly.</summary>
    public readonly SctpChunkReader GetEnumerator() => this;

    /// <summary>Moves to the next chunk; false at the end of the packet or at a malformed chunk.</summary>
    public bool MoveNext()
    {
        if (_offset >= _packet.Length || !SctpChunk.TryRead(_packet[_offset..], out SctpChunk chunk, out int advance))
        {
            _offset = _packet.Length;
            _current = default;
            return false;
        }

        _current = chunk;
        CurrentOffset = _offset;
        _offset += advance;
        return true;
    }
}
