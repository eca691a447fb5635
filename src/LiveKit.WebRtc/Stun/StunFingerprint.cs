using System;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute, XOR 0x5354554E, so that STUN can be
/// told from other protocols on the same port. It is the last attribute; the header's length field counts it
/// when the CRC is computed.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Type = 0x8028            |          Length = 4           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         CRC-32 XOR 0x5354554E                 |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal static class StunFingerprint
{
    /// <summary>The value length: 4.</summary>
    public const int Length = 4;

    /// <summary>The attribute's length on the wire, header included.</summary>
    public const int AttributeLength = StunAttribute.HeaderLength + Length;

    /// <summary>"STUN" in ASCII, XORed into the CRC so it differs from CRCs other protocols carry.</summary>
    public const uint XorValue = 0x5354554E;

    /// <summary>
    /// The fingerprint of <paramref name="messagePrefix"/>: the message from its header up to, not including,
    /// the FINGERPRINT attribute, with a length field that already counts the attribute.
    /// </summary>
    public static uint Compute(ReadOnlySpan<byte> messagePrefix) => Crc32.Compute(messagePrefix) ^ XorValue;
}
