using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.2.1, a variable-length parameter:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |          Parameter Type       |       Parameter Length        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// \                                                               \
// /                       Parameter Value                         /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>One parameter of a chunk: a view of its bytes, padding excluded (RFC 9260 §3.2.1).</summary>
internal readonly ref struct SctpParameter
{
    /// <summary>Length of the type and length fields.</summary>
    public const int HeaderSize = SctpTlv.HeaderSize;

    private SctpParameter(ReadOnlySpan<byte> raw)
    {
        Type = BinaryPrimitives.ReadUInt16BigEndian(raw);
        Raw = raw;
    }

    /// <summary>The parameter type; compare against <see cref="SctpParameterType"/>.</summary>
    public ushort Type { get; }

    /// <summary>The value after the 4-byte header, without padding.</summary>
    public ReadOnlySpan<byte> Value => Raw.Length >= HeaderSize ? Raw[HeaderSize..] : default;

    /// <summary>The parameter length field: header and value, without padding.</summary>
    public int Length => Raw.Length;

    /// <summary>The whole parameter, header included, without padding; what an "Unrecognized Parameter" echoes.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>What to do if this parameter's type is not understood (RFC 9260 §3.2.1).</summary>
    public SctpUnrecognizedParameterAction UnrecognizedAction => GetUnrecognizedAction(Type);

    /// <summary>
    /// What a receiver that does not understand parameter type <paramref name="type"/> does, from its upper two bits
    /// (RFC 9260 §3.2.1).
    /// </summary>
    public static SctpUnrecognizedParameterAction GetUnrecognizedAction(ushort type) => (SctpUnrecognizedParameterAction)(type >> 14);

    /// <summary>
    /// Reads the parameter at the start of <paramref name="data"/>; <paramref name="advance"/> is its length with
    /// padding. A parameter that ends exactly at the end of <paramref name="data"/> may lack padding (RFC 9260 §3.2).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out SctpParameter parameter, out int advance)
    {
        parameter = default;
        if (!SctpTlv.TryFrame(data, lastMayBeUnpadded: true, out int length, out advance))
        {
            return false;
        }

        parameter = new SctpParameter(data[..length]);
        return true;
    }
}
