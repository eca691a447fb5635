using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the comprehension-required types a 420 error response did not
/// understand, as a list of 16-bit values.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Attribute 1 Type         |       Attribute 2 Type        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Attribute 3 Type         |       Attribute 4 Type    ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly ref struct StunUnknownAttributes
{
    private const int TypeLength = 2;

    private readonly ReadOnlySpan<byte> _value;

    private StunUnknownAttributes(ReadOnlySpan<byte> value) => _value = value;

    /// <summary>The number of types listed.</summary>
    public int Count => _value.Length / TypeLength;

    /// <summary>The type at <paramref name="index"/>.</summary>
    public ushort this[int index] => BinaryPrimitives.ReadUInt16BigEndian(_value.Slice(index * TypeLength, TypeLength));

    /// <summary>Parses an attribute value; false when its length is odd.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out StunUnknownAttributes attribute)
    {
        attribute = default;
        if ((value.Length % TypeLength) != 0)
        {
            return false;
        }

        attribute = new StunUnknownAttributes(value);
        return true;
    }

    /// <summary>The value length for <paramref name="count"/> types.</summary>
    public static int GetSerializedLength(int count) => count * TypeLength;

    /// <summary>Writes a value listing <paramref name="types"/>.</summary>
    public static bool TryWrite(ReadOnlySpan<ushort> types, Span<byte> destination, out int written)
    {
        written = GetSerializedLength(types.Length);
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        for (int i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(i * TypeLength)..], types[i]);
        }

        return true;
    }
}
