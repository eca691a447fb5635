using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// The value of ICE-CONTROLLING and ICE-CONTROLLED (RFC 8445 §16.1): the sender's 64-bit tie-breaker, compared
/// to settle role conflicts (RFC 8445 §7.3.1.1). Which attribute carries it tells the sender's role.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                  Tie-breaker (64 bits)                        |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct StunIceTieBreaker(ulong Value)
{
    /// <summary>The value length: 8.</summary>
    public const int Length = 8;

    /// <summary>Parses an attribute value; false unless it is exactly 8 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out StunIceTieBreaker attribute)
    {
        attribute = value.Length == Length ? new StunIceTieBreaker(BinaryPrimitives.ReadUInt64BigEndian(value)) : default;
        return value.Length == Length;
    }

    /// <summary>The value length: 8.</summary>
    public int GetSerializedLength() => Length;

    /// <summary>Writes the attribute value.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = BinaryPrimitives.TryWriteUInt64BigEndian(destination, Value) ? Length : 0;
        return written == Length;
    }
}
