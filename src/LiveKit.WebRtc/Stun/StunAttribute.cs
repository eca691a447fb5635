using System;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// One attribute of a received message: its type and a slice of its value, padding excluded (RFC 8489 §14).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Type                  |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Value (variable)                ....
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Length is the value's length before padding; the value is padded to a multiple of 4 bytes.
/// </remarks>
internal readonly ref struct StunAttribute
{
    /// <summary>The length of the type and length fields.</summary>
    public const int HeaderLength = 4;

    /// <summary>Offset of the 16-bit type within the attribute.</summary>
    public const int TypeOffset = 0;

    /// <summary>Offset of the 16-bit value length within the attribute.</summary>
    public const int LengthOffset = 2;

    /// <summary>The largest value length the 16-bit length field can express.</summary>
    public const int MaxValueLength = ushort.MaxValue;

    /// <summary>Creates an attribute view.</summary>
    public StunAttribute(ushort type, ReadOnlySpan<byte> value, int offset)
    {
        RawType = type;
        Value = value;
        Offset = offset;
    }

    /// <summary>The type as it appears on the wire, known to this stack or not.</summary>
    public ushort RawType { get; }

    /// <summary>The type as the enum; compare against <see cref="StunAttributeType"/> members.</summary>
    public StunAttributeType Type => (StunAttributeType)RawType;

    /// <summary>The value, without padding.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Offset of the attribute's header within the message.</summary>
    public int Offset { get; }

    /// <summary>The length a value takes on the wire once padded to 4 bytes (RFC 8489 §14).</summary>
    public static int PaddedLength(int valueLength) => (valueLength + 3) & ~3;
}
