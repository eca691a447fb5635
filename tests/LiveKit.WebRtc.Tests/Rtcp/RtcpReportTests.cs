using System;
using System.Text;
using LiveKit.WebRtc.Rtcp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtcp;

public class RtcpReportTests
{
    // pion/rtcp packet_test.go realPacket(): RR, SDES (CNAME), BYE, PLI, RRR (RTPFB FMT 5), APP from a packet dump.
    internal static readonly byte[] PionRealPacket =
    [
        0x81, 0xc9, 0x0, 0x7, 0x90, 0x2f, 0x9e, 0x2e, 0xbc, 0x5e, 0x9a, 0x40, 0x0, 0x0, 0x0, 0x0,
        0x0, 0x0, 0x46, 0xe1, 0x0, 0x0, 0x1, 0x11, 0x9, 0xf3, 0x64, 0x32, 0x0, 0x2, 0x4a, 0x79,
        0x81, 0xca, 0x0, 0xc, 0x90, 0x2f, 0x9e, 0x2e, 0x1, 0x26,
        0x7b, 0x39, 0x63, 0x30, 0x30, 0x65, 0x62, 0x39, 0x32, 0x2d, 0x31, 0x61, 0x66, 0x62, 0x2d, 0x39,
        0x64, 0x34, 0x39, 0x2d, 0x61, 0x34, 0x37, 0x64, 0x2d, 0x39, 0x31, 0x66, 0x36, 0x34, 0x65, 0x65,
        0x65, 0x36, 0x39, 0x66, 0x35, 0x7d, 0x0, 0x0, 0x0, 0x0,
        0x81, 0xcb, 0x0, 0x1, 0x90, 0x2f, 0x9e, 0x2e,
        0x81, 0xce, 0x0, 0x2, 0x90, 0x2f, 0x9e, 0x2e, 0x90, 0x2f, 0x9e, 0x2e,
        0x85, 0xcd, 0x0, 0x2, 0x90, 0x2f, 0x9e, 0x2e, 0x90, 0x2f, 0x9e, 0x2e,
        0x80, 0xcc, 0x00, 0x03, 0x4b, 0xaa, 0xe1, 0xab, 0x4E, 0x41, 0x4D, 0x45, 0x41, 0x42, 0x43, 0x44,
    ];

    [Fact]
    public void Pion_capture_iterates_into_six_packets_and_each_parses()
    {
        RtcpCompoundEnumerator packets = new(PionRealPacket);
        byte[] types = new byte[6];
        int count = 0;
        foreach (RtcpPacketView view in packets)
        {
            types[count++] = view.Header.PacketType;
        }

        Assert.Equal(6, count);
        Assert.Equal(new byte[] { 201, 202, 203, 206, 205, 204 }, types);
        Assert.True(RtcpCompoundEnumerator.IsValidCompound(PionRealPacket));

        Assert.True(ReceiverReport.TryParse(PionRealPacket, out ReceiverReport rr));
        Assert.Equal(0x902f9e2eu, rr.Ssrc);
        Assert.Equal(1, rr.Reports.Count);
        ReportBlock block = rr.Reports[0];
        Assert.Equal(0xbc5e9a40u, block.Ssrc);
        Assert.Equal(0x46e1u, block.ExtendedHighestSequenceNumber);
        Assert.Equal(273u, block.Jitter);
        Assert.Equal(0x9f36432u, block.LastSenderReport);
        Assert.Equal(150137u, block.DelaySinceLastSenderReport);

        Assert.True(SourceDescription.TryParse(PionRealPacket.AsSpan(32), out SourceDescription sdes));
        Assert.True(sdes.TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname));
        Assert.Equal(0x902f9e2eu, ssrc);
        Assert.Equal("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}", Encoding.UTF8.GetString(cname));

        Assert.True(Goodbye.TryParse(PionRealPacket.AsSpan(84), out Goodbye bye));
        Assert.Equal(1, bye.SsrcCount);
        Assert.Equal(0x902f9e2eu, bye.GetSsrc(0));

        Assert.True(PictureLossIndication.TryParse(PionRealPacket.AsSpan(92), out PictureLossIndication pli));
        Assert.Equal(new PictureLossIndication(0x902f9e2e, 0x902f9e2e), pli);
    }

    [Fact]
    public void Pion_capture_packets_write_back_byte_exact()
    {
        byte[] buffer = new byte[PionRealPacket.Length];
        Assert.True(ReceiverReport.TryParse(PionRealPacket, out ReceiverReport rr));
        Assert.True(rr.TryWrite(buffer, out int written));
        Assert.Equal(PionRealPacket[..32], buffer[..written]);

        SourceDescription cname = SourceDescription.ForCname(0x902f9e2e, Encoding.UTF8.GetBytes("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}"));
        Assert.True(cname.TryWrite(buffer, out written));
        Assert.Equal(PionRealPacket[32..84], buffer[..written]);

        Assert.True(new Goodbye([0x902f9e2e], default).TryWrite(buffer, out written));
        Assert.Equal(PionRealPacket[84..92], buffer[..written]);

        Assert.True(new PictureLossIndication(0x902f9e2e, 0x902f9e2e).TryWrite(buffer, out written));
        Assert.Equal(PionRealPacket[92..104], buffer[..written]);
    }

    [Fact]
    public void Sender_report_with_blocks_round_trips_against_the_rfc_layout()
    {
        ReportBlock[] blocks =
        [
            new() { Ssrc = 0xBC5E9A40, FractionLost = 0x10, CumulativeLost = -2, ExtendedHighestSequenceNumber = 0x000146E1, Jitter = 273, LastSenderReport = 0x09F36432, DelaySinceLastSenderReport = 150137 },
            new() { Ssrc = 0x01020304, CumulativeLost = 0x7FFFFF },
        ];
        SenderReport sr = new(0x902F9E2E, 0xDA8BD1FCDDDDA05A, 0xAAF4EDD5, 1, 2, blocks);
        byte[] buffer = new byte[sr.GetSerializedLength()];

        Assert.True(sr.TryWrite(buffer, out int written));

        byte[] expected = Convert.FromHexString(
            "82C80012" + "902F9E2E" + "DA8BD1FCDDDDA05A" + "AAF4EDD5" + "00000001" + "00000002"
            + "BC5E9A40" + "10FFFFFE" + "000146E1" + "00000111" + "09F36432" + "00024A79"
            + "01020304" + "007FFFFF" + "00000000" + "00000000" + "00000000" + "00000000");
        Assert.Equal(expected, buffer[..written]);

        Assert.True(SenderReport.TryParse(buffer, out SenderReport parsed));
        Assert.Equal(0xDA8BD1FCDDDDA05Aul, parsed.NtpTimestamp);
        Assert.Equal(0xAAF4EDD5u, parsed.RtpTimestamp);
        Assert.Equal(1u, parsed.PacketCount);
        Assert.Equal(2u, parsed.OctetCount);
        Assert.Equal(2, parsed.Reports.Count);
        Assert.Equal(blocks[0], parsed.Reports[0]);
        Assert.Equal(blocks[1], parsed.Reports[1]);
        Assert.Equal(0, parsed.ProfileExtensions.Length);
    }

    [Fact]
    public void Compound_sr_and_sdes_iterate_in_order()
    {
        byte[] buffer = new byte[256];
        Assert.True(new SenderReport(1, 2, 3, 4, 5, ReadOnlySpan<ReportBlock>.Empty).TryWrite(buffer, out int srLength));
        Assert.True(SourceDescription.ForCname(1, "abc"u8).TryWrite(buffer.AsSpan(srLength), out int sdesLength));
        ReadOnlySpan<byte> compound = buffer.AsSpan(0, srLength + sdesLength);

        RtcpCompoundEnumerator packets = new(compound);
        Assert.True(packets.MoveNext());
        Assert.Equal(RtcpPacketType.SenderReport, packets.Current.Header.PacketType);
        Assert.Equal(28, packets.Current.Packet.Length);
        Assert.True(SenderReport.TryParse(packets.Current.Packet, out SenderReport sr));
        Assert.Equal(4u, sr.PacketCount);
        Assert.True(packets.MoveNext());
        Assert.Equal(RtcpPacketType.SourceDescription, packets.Current.Header.PacketType);
        Assert.True(SourceDescription.TryParse(packets.Current.Packet, out SourceDescription sdes));
        Assert.True(sdes.TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname));
        Assert.Equal(1u, ssrc);
        Assert.Equal("abc", Encoding.UTF8.GetString(cname));
        Assert.False(packets.MoveNext());
        Assert.False(packets.IsMalformed);
        Assert.True(RtcpCompoundEnumerator.IsValidCompound(compound));
    }

    [Fact]
    public void Cname_that_fills_a_word_gets_a_whole_null_word()
    {
        // 4 (SSRC) + 2 + 2 ("ab") = 8 bytes: the terminating null needs a further word.
        byte[] buffer = new byte[32];
        Assert.True(SourceDescription.ForCname(7, "ab"u8).TryWrite(buffer, out int written));

        Assert.Equal(Convert.FromHexString("81CA0003" + "00000007" + "01026162" + "00000000"), buffer[..written]);
    }

    [Fact]
    public void Truncated_compound_stops_and_reports_malformed()
    {
        RtcpCompoundEnumerator packets = new(PionRealPacket.AsSpan(0, 34));

        Assert.True(packets.MoveNext());
        Assert.False(packets.MoveNext());
        Assert.True(packets.IsMalformed);
        Assert.False(RtcpCompoundEnumerator.IsValidCompound(PionRealPacket.AsSpan(0, 34)));
    }

    [Fact]
    public void Compound_starting_with_bye_is_not_valid_but_still_iterates()
    {
        ReadOnlySpan<byte> data = PionRealPacket.AsSpan(84, 20);
        int count = 0;
        foreach (RtcpPacketView view in new RtcpCompoundEnumerator(data))
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.False(RtcpCompoundEnumerator.IsValidCompound(data));
    }

    [Fact]
    public void Padding_is_stripped_from_the_body()
    {
        // RR with no blocks, padded by one word whose last byte is the count 4.
        byte[] raw = Convert.FromHexString("A0C90002" + "11223344" + "00000004");

        Assert.True(RtcpHeader.TrySlice(raw, out RtcpHeader header, out ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> body));
        Assert.True(header.Padding);
        Assert.Equal(12, packet.Length);
        Assert.Equal(4, body.Length);
        Assert.True(ReceiverReport.TryParse(raw, out ReceiverReport rr));
        Assert.Equal(0x11223344u, rr.Ssrc);
        Assert.False(RtcpHeader.TrySlice(Convert.FromHexString("A0C90001" + "11223300"), out _, out _, out _));
    }

    [Fact]
    public void Bye_with_reason_round_trips()
    {
        byte[] buffer = new byte[64];
        Assert.True(new Goodbye([1, 2], "bye!"u8).TryWrite(buffer, out int written));

        Assert.Equal(Convert.FromHexString("82CB0004" + "00000001" + "00000002" + "04627965" + "21000000"), buffer[..written]);
        Assert.True(Goodbye.TryParse(buffer.AsSpan(0, written), out Goodbye bye));
        Assert.Equal(2, bye.SsrcCount);
        Assert.Equal(2u, bye.GetSsrc(1));
        Assert.Equal("bye!", Encoding.UTF8.GetString(bye.Reason));
    }

    [Theory]
    [InlineData("8111223344", false)] // second byte 0x11: RTP payload type 17
    [InlineData("80C8", true)] // SR
    [InlineData("80DF", true)] // 223
    [InlineData("80E0", false)] // 224: RTP marker + PT 96
    [InlineData("80BF", false)] // 191
    [InlineData("80", false)]
    public void Rtcp_mux_tells_rtcp_by_the_second_byte(string hex, bool isRtcp)
    {
        Assert.Equal(isRtcp, RtcpMux.IsRtcp(Convert.FromHexString(hex)));
    }
}
