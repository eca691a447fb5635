using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 3550 §6.4.1 (and every other RTCP packet), the common 4-byte header:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|  RC/FMT |      PT       |             length            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// length is the packet length in 32-bit words minus one, header and padding included.

/// <summary>The common RTCP header (RFC 3550 §6.4.1).</summary>
internal readonly record struct RtcpHeader
{
    /// <summary>Length of the header in bytes.</summary>
    public const int Length = 4;

    /// <summary>Bytes per length unit.</summary>
    public const int WordLength = 4;

    /// <summary>Largest value of the 5-bit count / FMT field.</summary>
    public const int MaxCount = 31;

    private const int Version2 = 2;
    private const int VersionShift = 6;
    /// <summary>The P bit in the first byte.</summary>
    public const byte PaddingBit = 0x20;
    private const byte CountMask = 0x1F;
    private const int LengthOffset = 2;

    /// <summary>P: the packet ends with padding whose length is its last byte.</summary>
    public bool Padding { get; init; }

    /// <summary>RC (report/source count) or FMT (feedback message type, RFC 4585 §6.1).</summary>
    public int Count { get; init; }

    /// <summary>PT: the RTCP packet type, see <see cref="RtcpPacketType"/>.</summary>
    public byte PacketType { get; init; }

    /// <summary>The length field: packet length in 32-bit words minus one.</summary>
    public ushort LengthInWordsMinusOne { get; init; }

    /// <summary>Whole packet length in bytes, as the length field says.</summary>
    public int PacketLength => (LengthInWordsMinusOne + 1) * WordLength;

    /// <summary>Reads the header; fails on short input or a version other than 2.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpHeader header)
    {
        header = default;
        if (data.Length < Length || data[0] >> VersionShift != Version2)
        {
            return false;
        }

        header = new RtcpHeader
        {
            Padding = (data[0] & PaddingBit) != 0,
            Count = data[0] & CountMask,
            PacketType = data[1],
            LengthInWordsMinusOne = BinaryPrimitives.ReadUInt16BigEndian(data[LengthOffset..]),
        };
        return true;
    }

    /// <summary>Length of the header in bytes.</summary>
    public int GetSerializedLength() => Length;

    /// <summary>Writes the header.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length || (uint)Count > MaxCount)
        {
            return false;
        }

        destination[0] = (byte)((Version2 << VersionShift) | (Padding ? PaddingBit : 0) | Count);
        destination[1] = PacketType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[LengthOffset..], LengthInWordsMinusOne);
        written = Length;
        return true;
    }

    /// <summary>
    /// Reads the header of the packet at the start of <paramref name="data"/> and slices out the packet and its
    /// body (after the header, without padding). Fails when the length overruns the data or padding is invalid.
    /// </summary>
    public static bool TrySlice(ReadOnlySpan<byte> data, out RtcpHeader header, out ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> body)
    {
        packet = default;
        body = default;
        if (!TryParse(data, out header) || header.PacketLength > data.Length)
        {
            return false;
        }

        packet = data[..header.PacketLength];
        int end = packet.Length;
        if (header.Padding)
        {
            // RFC 3550 §6.4.1: the last octet counts the padding octets, itself included.
            int padding = packet[end - 1];
            if (padding == 0 || padding > end - Length)
            {
                return false;
            }

            end -= padding;
        }

        body = packet[Length..end];
        return true;
    }

    /// <summary>
    /// Writes a header for a packet of <paramref name="packetLength"/> bytes; fails unless that is a multiple of 4,
    /// fits the 16-bit length field and fits <paramref name="destination"/>.
    /// </summary>
    public static bool TryWriteFor(Span<byte> destination, byte packetType, int count, int packetLength)
    {
        RtcpHeader header = new()
        {
            Count = count,
            PacketType = packetType,
            LengthInWordsMinusOne = (ushort)((packetLength / WordLength) - 1),
        };
        return packetLength % WordLength == 0
            && packetLength / WordLength <= ushort.MaxValue + 1
            && destination.Length >= packetLength
            && header.TryWrite(destination, out _);
    }
}
