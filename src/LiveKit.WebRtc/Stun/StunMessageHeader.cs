using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// Layout of the 20-byte STUN message header (RFC 8489 §5), and the checks that tell a STUN message from the
/// other protocols multiplexed on the same port (RFC 7983 §7).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                     Transaction ID (96 bits)                  |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The message length counts the bytes after the header, padding included, so it is a multiple of 4.
/// </remarks>
internal static class StunMessageHeader
{
    /// <summary>The length of the header in bytes.</summary>
    public const int Length = 20;

    /// <summary>The fixed magic cookie (RFC 8489 §5).</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>Offset of the 16-bit message type.</summary>
    public const int TypeOffset = 0;

    /// <summary>Offset of the 16-bit message length.</summary>
    public const int LengthOffset = 2;

    /// <summary>Offset of the 32-bit magic cookie.</summary>
    public const int MagicCookieOffset = 4;

    /// <summary>Offset of the 96-bit transaction ID.</summary>
    public const int TransactionIdOffset = 8;

    /// <summary>The largest body length the 16-bit length field can express that is a multiple of 4.</summary>
    public const int MaxBodyLength = 0xFFFC;

    // The two most significant bits of every STUN message are zero (RFC 8489 §5).
    private const byte LeadingBitsMask = 0xC0;

    /// <summary>
    /// Reads the total message length (header included) from a header, for framing STUN over a stream
    /// (RFC 8489 §6.2.2). False when the bytes cannot start a STUN message.
    /// </summary>
    public static bool TryGetMessageLength(ReadOnlySpan<byte> header, out int totalLength)
    {
        totalLength = 0;
        if (header.Length < Length
            || (header[TypeOffset] & LeadingBitsMask) != 0
            || BinaryPrimitives.ReadUInt32BigEndian(header[MagicCookieOffset..]) != MagicCookie)
        {
            return false;
        }

        int bodyLength = BinaryPrimitives.ReadUInt16BigEndian(header[LengthOffset..]);
        if ((bodyLength & 0b11) != 0)
        {
            return false;
        }

        totalLength = Length + bodyLength;
        return true;
    }

    /// <summary>
    /// A cheap test of whether a datagram is a STUN message: leading zero bits, the magic cookie, and a length
    /// field that matches the datagram (RFC 8489 §7.3, RFC 7983 §7).
    /// </summary>
    public static bool IsStunMessage(ReadOnlySpan<byte> datagram) =>
        TryGetMessageLength(datagram, out int totalLength) && totalLength == datagram.Length;

    /// <summary>Writes the body length into the header's length field.</summary>
    internal static void WriteBodyLength(Span<byte> message, int bodyLength) =>
        BinaryPrimitives.WriteUInt16BigEndian(message[LengthOffset..], (ushort)bodyLength);
}
