using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// An IP address and port held by value, so that reading one from a STUN message allocates nothing;
/// <see cref="ToIPEndPoint"/> makes the BCL type when one is needed.
/// </summary>
internal readonly record struct StunTransportAddress
{
    /// <summary>Length of an IPv4 address in bytes.</summary>
    public const int IPv4Length = 4;

    /// <summary>Length of an IPv6 address in bytes.</summary>
    public const int IPv6Length = 16;

    // The address bytes, big-endian: IPv4 uses the top 32 bits of _upper, IPv6 all 128 bits.
    private readonly ulong _upper;
    private readonly ulong _lower;

    /// <summary>Creates an address from 4 (IPv4) or 16 (IPv6) network-order bytes and a port.</summary>
    /// <exception cref="ArgumentException">The address is neither 4 nor 16 bytes.</exception>
    public StunTransportAddress(ReadOnlySpan<byte> address, ushort port)
    {
        Port = port;
        switch (address.Length)
        {
            case IPv4Length:
                Family = AddressFamily.InterNetwork;
                _upper = (ulong)BinaryPrimitives.ReadUInt32BigEndian(address) << 32;
                break;
            case IPv6Length:
                Family = AddressFamily.InterNetworkV6;
                _upper = BinaryPrimitives.ReadUInt64BigEndian(address);
                _lower = BinaryPrimitives.ReadUInt64BigEndian(address[8..]);
                break;
            default:
                throw new ArgumentException("An IP address is 4 or 16 bytes.", nameof(address));
        }
    }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>.</summary>
    public AddressFamily Family { get; }

    /// <summary>The port.</summary>
    public ushort Port { get; }

    /// <summary>The number of address bytes: 4 or 16.</summary>
    public int AddressLength => Family == AddressFamily.InterNetworkV6 ? IPv6Length : IPv4Length;

    /// <summary>Converts an endpoint; IPv4-mapped IPv6 addresses stay IPv6.</summary>
    /// <exception cref="ArgumentException">The endpoint is neither IPv4 nor IPv6.</exception>
    public static StunTransportAddress FromIPEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Span<byte> bytes = stackalloc byte[IPv6Length];
        if (!endPoint.Address.TryWriteBytes(bytes, out int written))
        {
            throw new ArgumentException("The address is neither IPv4 nor IPv6.", nameof(endPoint));
        }

        return new StunTransportAddress(bytes[..written], (ushort)endPoint.Port);
    }

    /// <summary>Writes the 4 or 16 address bytes in network order.</summary>
    public bool TryWriteAddress(Span<byte> destination, out int written)
    {
        written = AddressLength;
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        if (Family == AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, _upper);
            BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _lower);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(_upper >> 32));
        }

        return true;
    }

    /// <summary>Makes an <see cref="IPEndPoint"/> (allocates).</summary>
    public IPEndPoint ToIPEndPoint()
    {
        Span<byte> bytes = stackalloc byte[IPv6Length];
        TryWriteAddress(bytes, out int written);
        return new IPEndPoint(new IPAddress(bytes[..written]), Port);
    }

    /// <inheritdoc />
    public override string ToString() => ToIPEndPoint().ToString();
}
