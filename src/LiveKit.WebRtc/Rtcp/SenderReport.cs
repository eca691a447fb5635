using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 3550 §6.4.1, SR:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|    RC   |   PT=SR=200   |             length            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                         SSRC of sender                        |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |              NTP timestamp, most significant word             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |             NTP timestamp, least significant word             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                         RTP timestamp                         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                     sender's packet count                     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                      sender's octet count                     |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |                 report blocks (RC x 24 bytes)                 |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |                  profile-specific extensions                  |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A sender report (RFC 3550 §6.4.1), parsed as a view or assembled for writing.</summary>
internal readonly ref struct SenderReport
{
    private const int SsrcOffset = 4;
    private const int NtpTimestampOffset = 8;
    private const int RtpTimestampOffset = 16;
    private const int PacketCountOffset = 20;
    private const int OctetCountOffset = 24;
    private const int ReportBlocksOffset = 28;

    /// <summary>Assembles a report for writing.</summary>
    public SenderReport(uint ssrc, ulong ntpTimestamp, uint rtpTimestamp, uint packetCount, uint octetCount, ReadOnlySpan<ReportBlock> reports)
        : this(ssrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount, ReportBlockList.FromBlocks(reports), default)
    {
    }

    private SenderReport(uint ssrc, ulong ntpTimestamp, uint rtpTimestamp, uint packetCount, uint octetCount, ReportBlockList reports, ReadOnlySpan<byte> extensions)
    {
        Ssrc = ssrc;
        NtpTimestamp = ntpTimestamp;
        RtpTimestamp = rtpTimestamp;
        PacketCount = packetCount;
        OctetCount = octetCount;
        Reports = reports;
        ProfileExtensions = extensions;
    }

    /// <summary>SSRC of the sender.</summary>
    public uint Ssrc { get; }

    /// <summary>64-bit NTP timestamp (seconds since 1900 in the high word, fraction in the low word).</summary>
    public ulong NtpTimestamp { get; }

    /// <summary>RTP timestamp corresponding to <see cref="NtpTimestamp"/>.</summary>
    public uint RtpTimestamp { get; }

    /// <summary>Packets sent since the start of transmission.</summary>
    public uint PacketCount { get; }

    /// <summary>Payload octets sent since the start of transmission.</summary>
    public uint OctetCount { get; }

    /// <summary>The reception report blocks.</summary>
    public ReportBlockList Reports { get; }

    /// <summary>Profile-specific extension bytes after the report blocks (parsed packets only).</summary>
    public ReadOnlySpan<byte> ProfileExtensions { get; }

    /// <summary>Parses the SR at the start of <paramref name="data"/>; fails on any other type or a short packet.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SenderReport report)
    {
        report = default;
        if (!RtcpHeader.TrySlice(data, out RtcpHeader header, out ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> body)
            || header.PacketType != RtcpPacketType.SenderReport)
        {
            return false;
        }

        int blocksLength = header.Count * ReportBlock.Length;
        int blocksEnd = ReportBlocksOffset + blocksLength;
        if (RtcpHeader.Length + body.Length < blocksEnd)
        {
            return false;
        }

        report = new SenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(packet[SsrcOffset..]),
            BinaryPrimitives.ReadUInt64BigEndian(packet[NtpTimestampOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[RtpTimestampOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[PacketCountOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[OctetCountOffset..]),
            ReportBlockList.FromBytes(packet.Slice(ReportBlocksOffset, blocksLength)),
            packet[blocksEnd..(RtcpHeader.Length + body.Length)]);
        return true;
    }

    /// <summary>Serialized length (profile extensions are not written back).</summary>
    public int GetSerializedLength() => ReportBlocksOffset + (Reports.Count * ReportBlock.Length);

    /// <summary>Writes the SR; fails when there are more than 31 report blocks or the span is short.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int length = GetSerializedLength();
        if (Reports.Count > RtcpHeader.MaxCount
            || !RtcpHeader.TryWriteFor(destination, RtcpPacketType.SenderReport, Reports.Count, length))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[SsrcOffset..], Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[NtpTimestampOffset..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[RtpTimestampOffset..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[PacketCountOffset..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[OctetCountOffset..], OctetCount);
        if (!Reports.TryWrite(destination[ReportBlocksOffset..length]))
        {
            return false;
        }

        written = length;
        return true;
    }
}
