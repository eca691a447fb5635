using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message up to this attribute, computed as if the
/// header's length field ended right after it, so FINGERPRINT may follow without changing the HMAC.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Type = 0x0008            |          Length = 20          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                  HMAC-SHA1 (20 bytes)                         |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The key is the password for short-term credentials, as ICE uses (RFC 8489 §9.1.1), or
/// MD5(username ":" realm ":" password) for long-term credentials (RFC 8489 §9.2.2).
/// </remarks>
internal static class StunMessageIntegrity
{
    /// <summary>The value length: an HMAC-SHA1, 20 bytes.</summary>
    public const int Length = 20;

    /// <summary>The attribute's length on the wire, header included.</summary>
    public const int AttributeLength = StunAttribute.HeaderLength + Length;

    /// <summary>The length of a long-term credential key, an MD5 digest.</summary>
    public const int LongTermKeyLength = 16;

    // Messages up to this size are copied to the stack to patch their length field; larger ones use the pool.
    private const int StackCopyLimit = 1024;

    /// <summary>
    /// Computes the HMAC over <paramref name="prefix"/>, which must already carry the adjusted length field.
    /// </summary>
    internal static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> prefix, Span<byte> destination) =>
        HMACSHA1.HashData(key, prefix, destination);

    /// <summary>
    /// Checks the HMAC of a received message whose MESSAGE-INTEGRITY attribute starts at
    /// <paramref name="attributeOffset"/>. The message is read-only, so the prefix is copied and its length
    /// field patched in the copy; the copy lives on the stack or in a pooled buffer, so nothing is allocated.
    /// </summary>
    internal static bool Verify(ReadOnlySpan<byte> message, int attributeOffset, ReadOnlySpan<byte> key)
    {
        ReadOnlySpan<byte> expected = message.Slice(attributeOffset + StunAttribute.HeaderLength, Length);
        ReadOnlySpan<byte> prefix = message[..attributeOffset];
        byte[]? rented = null;
        Span<byte> copy = prefix.Length <= StackCopyLimit
            ? stackalloc byte[StackCopyLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(prefix.Length));
        try
        {
            copy = copy[..prefix.Length];
            prefix.CopyTo(copy);
            StunMessageHeader.WriteBodyLength(copy, attributeOffset + AttributeLength - StunMessageHeader.Length);
            Span<byte> actual = stackalloc byte[Length];
            Compute(key, copy, actual);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The long-term credential key, MD5(username ":" realm ":" password) (RFC 8489 §9.2.2), for TURN. The
    /// inputs must already be processed with OpaqueString (RFC 8265) by the caller. Allocates; not a hot path.
    /// </summary>
    public static byte[] DeriveLongTermKey(string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
#pragma warning disable CA5351 // MD5 is what RFC 8489 §9.2.2 specifies for this key.
        return MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{realm}:{password}"));
#pragma warning restore CA5351
    }
}
