using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 3550 §6.4.2, RR:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|    RC   |   PT=RR=201   |             length            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                     SSRC of packet sender                     |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |                 report blocks (RC x 24 bytes)                 |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |                  profile-specific extensions                  |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A receiver report (RFC 3550 §6.4.2), parsed as a view or assembled for writing.</summary>
internal readonly ref struct ReceiverReport
{
    private const int SsrcOffset = 4;
    private const int ReportBlocksOffset = 8;

    /// <summary>Assembles a report for writing.</summary>
    public ReceiverReport(uint ssrc, ReadOnlySpan<ReportBlock> reports)
        : this(ssrc, ReportBlockList.FromBlocks(reports), default)
    {
    }

    private ReceiverReport(uint ssrc, ReportBlockList reports, ReadOnlySpan<byte> extensions)
    {
        Ssrc = ssrc;
        Reports = reports;
        ProfileExtensions = extensions;
    }

    /// <summary>SSRC of the packet sender.</summary>
    public uint Ssrc { get; }

    /// <summary>The reception report blocks.</summary>
    public ReportBlockList Reports { get; }

    /// <summary>Profile-specific extension bytes after the report blocks (parsed packets only).</summary>
    public ReadOnlySpan<byte> ProfileExtensions { get; }

    /// <summary>Parses the RR at the start of <paramref name="data"/>; fails on any other type or a short packet.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out ReceiverReport report)
    {
        report = default;
        if (!RtcpHeader.TrySlice(data, out RtcpHeader header, out ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> body)
            || header.PacketType != RtcpPacketType.ReceiverReport)
        {
            return false;
        }

        int blocksLength = header.Count * ReportBlock.Length;
        int blocksEnd = ReportBlocksOffset + blocksLength;
        if (RtcpHeader.Length + body.Length < blocksEnd)
        {
            return false;
        }

        report = new ReceiverReport(
            BinaryPrimitives.ReadUInt32BigEndian(packet[SsrcOffset..]),
            ReportBlockList.FromBytes(packet.Slice(ReportBlocksOffset, blocksLength)),
            packet[blocksEnd..(RtcpHeader.Length + body.Length)]);
        return true;
    }

    /// <summary>Serialized length (profile extensions are not written back).</summary>
    public int GetSerializedLength() => ReportBlocksOffset + (Reports.Count * ReportBlock.Length);

    /// <summary>Writes the RR; fails when there are more than 31 report blocks or the span is short.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int length = GetSerializedLength();
        if (Reports.Count > RtcpHeader.MaxCount
            || !RtcpHeader.TryWriteFor(destination, RtcpPacketType.ReceiverReport, Reports.Count, length))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[SsrcOffset..], Ssrc);
        if (!Reports.TryWrite(destination[ReportBlocksOffset..length]))
        {
            return false;
        }

        written = length;
        return true;
    }
}
