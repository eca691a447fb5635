using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Walks a run of parameters (the tail of INIT or INIT ACK, the body of RE-CONFIG) without allocating. The framing is
/// checked when the reader is made: a parameter whose length is below 4 or that runs past the end sets
/// <see cref="IsMalformed"/> (right on any copy, also after <c>foreach</c>), and enumeration stops before it. The last
/// parameter may lack padding, which is then the chunk's (RFC 9260 §3.2).
/// </summary>
internal ref struct SctpParameterReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;
    private SctpParameter _current;

    /// <summary>Starts a walk over <paramref name="parameters"/>, which begins with a parameter header.</summary>
    public SctpParameterReader(ReadOnlySpan<byte> parameters)
    {
        _data = parameters;
        _offset = 0;
        _current = default;
        IsMalformed = !SctpTlv.IsWellFormedRun(_data, lastMayBeUnpadded: true, out int count);
        Count = count;
    }

    /// <summary>The parameter found by the last successful <see cref="MoveNext"/>.</summary>
    public readonly SctpParameter Current => _current;

    /// <summary>True when the run holds bytes that are not a valid parameter; the walk stops before them.</summary>
    public bool IsMalformed { get; }

    /// <summary>Number of well-framed entries the walk yields.</summary>
    public int Count { get; }

    /// <summary>Lets <c>foreach</c> use this reader directly.</summary>
    public readonly SctpParameterReader GetEnumerator() => this;

    /// <summary>Moves to the next parameter; false at the end or at a malformed parameter.</summary>
    public bool MoveNext()
    {
        if (_offset >= _data.Length || !SctpParameter.TryRead(_data[_offset..], out SctpParameter parameter, out int advance))
        {
            _offset = _data.Length;
            _current = default;
            return false;
        }

        _current = parameter;
        _offset += advance;
        return true;
    }

    /// <summary>True when every parameter in <paramref name="parameters"/> is well framed.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> parameters) =>
        SctpTlv.IsWellFormedRun(parameters, lastMayBeUnpadded: true, out _);

    /// <summary>Finds the first parameter of type <paramref name="type"/> among the well-framed ones.</summary>
    public static bool TryFind(ReadOnlySpan<byte> parameters, ushort type, out SctpParameter parameter)
    {
        foreach (SctpParameter candidate in new SctpParameterReader(parameters))
        {
            if (candidate.Type == type)
            {
                parameter = candidate;
                return true;
            }
        }

        parameter = default;
        return false;
    }
}
