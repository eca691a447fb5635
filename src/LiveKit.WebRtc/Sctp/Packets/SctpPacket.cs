using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

/// <summary>Entry points for a received SCTP packet: its header, checksum and chunks (RFC 9260 §3).</summary>
internal static class SctpPacket
{
    /// <summary>Reads the common header; false when the packet is shorter than 12 bytes.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> packet, out SctpCommonHeader header) =>
        SctpCommonHeader.TryParse(packet, out header);

    /// <summary>
    /// The CRC32c of the packet with its checksum field taken as zero (RFC 9260 §6.8), without copying; zero for a
    /// packet shorter than the common header.
    /// </summary>
    public static uint ComputeChecksum(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < SctpCommonHeader.Size)
        {
            return 0;
        }

        uint state = Crc32c.Update(Crc32c.InitialState, packet[..SctpCommonHeader.ChecksumOffset]);
        state = Crc32c.Update(state, [0, 0, 0, 0]);
        state = Crc32c.Update(state, packet[SctpCommonHeader.Size..]);
        return ~state;
    }

    /// <summary>True when the packet holds a common header whose checksum matches its bytes (RFC 9260 §6.8).</summary>
    public static bool HasValidChecksum(ReadOnlySpan<byte> packet) =>
        packet.Length >= SctpCommonHeader.Size
        && BinaryPrimitives.ReadUInt32LittleEndian(packet[SctpCommonHeader.ChecksumOffset..]) == ComputeChecksum(packet);

    /// <summary>Computes and stores the checksum of a complete packet; does nothing for one shorter than the header.</summary>
    public static void WriteChecksum(Span<byte> packet)
    {
        if (packet.Length >= SctpCommonHeader.Size)
        {
            // Least significant byte first (RFC 9260 Appendix A).
            BinaryPrimitives.WriteUInt32LittleEndian(packet[SctpCommonHeader.ChecksumOffset..], ComputeChecksum(packet));
        }
    }

    /// <summary>Walks the packet's chunks; see <see cref="SctpChunkReader"/>.</summary>
    public static SctpChunkReader Chunks(ReadOnlySpan<byte> packet) => new(packet);
}
