using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// MAPPED-ADDRESS (RFC 8489 §14.1): the reflexive transport address in the clear. Only RFC 3489 servers send
/// it; RFC 8489 servers send XOR-MAPPED-ADDRESS, which uses the same layout with obfuscated port and address.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0 0 0 0 0 0 0|    Family     |           Port                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                 Address (32 bits or 128 bits)                 |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct StunMappedAddress(StunTransportAddress Address)
{
    /// <summary>Family code for IPv4.</summary>
    public const byte FamilyIPv4 = 0x01;

    /// <summary>Family code for IPv6.</summary>
    public const byte FamilyIPv6 = 0x02;

    // The first byte is reserved: zero on send, ignored on receipt (RFC 8489 §14.1).
    internal const int FamilyOffset = 1;
    internal const int PortOffset = 2;
    internal const int AddressOffset = 4;

    /// <summary>The value length for an IPv6 address, the longest form.</summary>
    internal const int MaxLength = AddressOffset + StunTransportAddress.IPv6Length;

    /// <summary>Parses an attribute value; false unless it is exactly an IPv4 or IPv6 address and port.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out StunMappedAddress attribute)
    {
        attribute = default;
        if (value.Length < AddressOffset)
        {
            return false;
        }

        int expectedAddressLength = value[FamilyOffset] switch
        {
            FamilyIPv4 => StunTransportAddress.IPv4Length,
            FamilyIPv6 => StunTransportAddress.IPv6Length,
            _ => -1,
        };
        if (value.Length != AddressOffset + expectedAddressLength)
        {
            return false;
        }

        ushort port = BinaryPrimitives.ReadUInt16BigEndian(value[PortOffset..]);
        attribute = new StunMappedAddress(new StunTransportAddress(value[AddressOffset..], port));
        return true;
    }

    /// <summary>The value length: 8 for IPv4, 20 for IPv6.</summary>
    public int GetSerializedLength() => AddressOffset + Address.AddressLength;

    /// <summary>Writes the attribute value.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = GetSerializedLength();
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        destination[0] = 0;
        destination[FamilyOffset] = Address.AddressLength == StunTransportAddress.IPv6Length ? FamilyIPv6 : FamilyIPv4;
        BinaryPrimitives.WriteUInt16BigEndian(destination[PortOffset..], Address.Port);
        Address.TryWriteAddress(destination[AddressOffset..], out _);
        return true;
    }
}
