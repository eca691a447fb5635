using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.1, the common header that starts every packet:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |      Source Port Number       |   Destination Port Number     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                       Verification Tag                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                           Checksum                            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>The SCTP common header (RFC 9260 §3.1).</summary>
internal readonly struct SctpCommonHeader
{
    /// <summary>Length of the common header in bytes.</summary>
    public const int Size = 12;

    /// <summary>Offset of the 32-bit checksum within the packet.</summary>
    public const int ChecksumOffset = 8;

    private const int DestinationPortOffset = 2;
    private const int VerificationTagOffset = 4;

    /// <summary>Creates a header.</summary>
    public SctpCommonHeader(ushort sourcePort, ushort destinationPort, uint verificationTag, uint checksum)
    {
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        VerificationTag = verificationTag;
        Checksum = checksum;
    }

    /// <summary>The sender's SCTP port.</summary>
    public ushort SourcePort { get; }

    /// <summary>The receiver's SCTP port.</summary>
    public ushort DestinationPort { get; }

    /// <summary>The receiver's tag for this association (RFC 9260 §8.5); zero in a packet holding INIT.</summary>
    public uint VerificationTag { get; }

    /// <summary>
    /// The CRC32c as <see cref="Crc32c.Compute"/> returns it. RFC 9260 Appendix A transmits the CRC's least
    /// significant byte first, so the four bytes on the wire read little-endian give this value.
    /// </summary>
    public uint Checksum { get; }

    /// <summary>Reads the header; false when fewer than <see cref="Size"/> bytes are given.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out SctpCommonHeader header)
    {
        header = default;
        if (packet.Length < Size)
        {
            return false;
        }

        header = new SctpCommonHeader(
            BinaryPrimitives.ReadUInt16BigEndian(packet),
            BinaryPrimitives.ReadUInt16BigEndian(packet[DestinationPortOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[VerificationTagOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(packet[ChecksumOffset..]));
        return true;
    }

    /// <summary>Writes the header, checksum included; false when <paramref name="destination"/> is too short.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[DestinationPortOffset..], DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(destination[VerificationTagOffset..], VerificationTag);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ChecksumOffset..], Checksum);
        return true;
    }
}
