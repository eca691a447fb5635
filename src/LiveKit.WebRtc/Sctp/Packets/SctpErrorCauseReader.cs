using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Walks the error causes in the value of an ABORT or ERROR chunk without allocating. The framing is checked when the
/// reader is made: a cause whose length is below 4 or that runs past the end sets <see cref="IsMalformed"/> (right on
/// any copy, also after <c>foreach</c>), and enumeration stops before it. The last cause may lack padding.
/// </summary>
internal ref struct SctpErrorCauseReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;
    private SctpErrorCause _current;

    /// <summary>Starts a walk over a chunk value made of error causes.</summary>
    public SctpErrorCauseReader(ReadOnlySpan<byte> causes)
    {
        _data = causes;
        _offset = 0;
        _current = default;
        IsMalformed = !SctpTlv.IsWellFormedRun(_data, lastMayBeUnpadded: true, out int count);
        Count = count;
    }

    /// <summary>The cause found by the last successful <see cref="MoveNext"/>.</summary>
    public readonly SctpErrorCause Current => _current;

    /// <summary>True when the run holds bytes that are not a valid cause; the walk stops before them.</summary>
    public bool IsMalformed { get; }

    /// <summary>Number of well-framed entries the walk yields.</summary>
    public int Count { get; }

    /// <summary>Lets <c>foreach</c> use this reader directly.</summary>
    public readonly SctpErrorCauseReader GetEnumerator() => this;

    /// <summary>Moves to the next cause; false at the end or at a malformed cause.</summary>
    public bool MoveNext()
    {
        if (_offset >= _data.Length || !SctpErrorCause.TryRead(_data[_offset..], out SctpErrorCause cause, out int advance))
        {
            _offset = _data.Length;
            _current = default;
            return false;
        }

        _current = cause;
        _offset += advance;
        return true;
    }
}
