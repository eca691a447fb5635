using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// PRIORITY (RFC 8445 §16.1, §7.1.1): the priority a peer-reflexive candidate learned from this check would get.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           Priority                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct StunPriority(uint Value)
{
    /// <summary>The value length: 4.</summary>
    public const int Length = 4;

    /// <summary>Parses an attribute value; false unless it is exactly 4 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out StunPriority attribute)
    {
        attribute = value.Length == Length ? new StunPriority(BinaryPrimitives.ReadUInt32BigEndian(value)) : default;
        return value.Length == Length;
    }

    /// <summary>The value length: 4.</summary>
    public int GetSerializedLength() => Length;

    /// <summary>Writes the attribute value.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = BinaryPrimitives.TryWriteUInt32BigEndian(destination, Value) ? Length : 0;
        return written == Length;
    }
}
