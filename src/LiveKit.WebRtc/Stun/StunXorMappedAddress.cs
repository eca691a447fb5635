using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the reflexive transport address, obfuscated so that NATs rewriting
/// addresses they find in payloads leave it alone.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                X-Address (Variable)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// X-Port is the port XOR the cookie's top 16 bits; X-Address is the IPv4 address XOR the cookie, or the IPv6
/// address XOR the cookie followed by the transaction ID. The byte string cookie ‖ transaction ID is exactly
/// the header from its cookie on, so one 16-byte mask covers port and both families.
/// </remarks>
internal readonly record struct StunXorMappedAddress(StunTransportAddress Address)
{
    private const int MaskLength = 16;

    /// <summary>Parses an attribute value using the message's transaction ID.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, in StunTransactionId transactionId, out StunXorMappedAddress attribute)
    {
        attribute = default;
        if (value.Length > StunMappedAddress.MaxLength)
        {
            return false;
        }

        Span<byte> clear = stackalloc byte[StunMappedAddress.MaxLength];
        clear = clear[..value.Length];
        value.CopyTo(clear);
        ApplyMask(clear, transactionId);
        if (!StunMappedAddress.TryParse(clear, out StunMappedAddress mapped))
        {
            return false;
        }

        attribute = new StunXorMappedAddress(mapped.Address);
        return true;
    }

    /// <summary>The value length: 8 for IPv4, 20 for IPv6.</summary>
    public int GetSerializedLength() => new StunMappedAddress(Address).GetSerializedLength();

    /// <summary>Writes the attribute value using the message's transaction ID.</summary>
    public bool TryWrite(Span<byte> destination, in StunTransactionId transactionId, out int written)
    {
        if (!new StunMappedAddress(Address).TryWrite(destination, out written))
        {
            return false;
        }

        ApplyMask(destination[..written], transactionId);
        return true;
    }

    // XOR is its own inverse, so the same step encodes and decodes. Applies to port and address only.
    private static void ApplyMask(Span<byte> value, in StunTransactionId transactionId)
    {
        Span<byte> mask = stackalloc byte[MaskLength];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessageHeader.MagicCookie);
        transactionId.WriteTo(mask[4..]);

        if (value.Length >= StunMappedAddress.AddressOffset)
        {
            value[StunMappedAddress.PortOffset] ^= mask[0];
            value[StunMappedAddress.PortOffset + 1] ^= mask[1];
        }

        Span<byte> address = value.Length > StunMappedAddress.AddressOffset ? value[StunMappedAddress.AddressOffset..] : default;
        for (int i = 0; i < address.Length && i < MaskLength; i++)
        {
            address[i] ^= mask[i];
        }
    }
}
