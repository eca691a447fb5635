using System;
using LiveKit.WebRtc.Rtcp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtcp;

public class RtcpFeedbackTests
{
    [Fact]
    public void Nack_bitmask_expands_to_every_lost_sequence_number()
    {
        // RFC 4585 §6.2.1: PID 0xFFFE, BLP bits 0, 1 and 15 -> 0xFFFF, 0x0000 (wrapped) and 0x000E.
        byte[] raw = Convert.FromHexString("81CD0003" + "00000001" + "00000002" + "FFFE8003");

        Assert.True(GenericNack.TryParse(raw, out GenericNack nack));
        Assert.Equal(1u, nack.SenderSsrc);
        Assert.Equal(2u, nack.MediaSsrc);
        Assert.Equal(1, nack.PairCount);

        Span<ushort> lost = stackalloc ushort[NackPair.MaxLostPerPair];
        Assert.True(nack.TryGetLostSequenceNumbers(lost, out int count));
        Assert.Equal(new ushort[] { 0xFFFE, 0xFFFF, 0x0000, 0x000E }, lost[..count].ToArray());
        Assert.False(nack.TryGetLostSequenceNumbers(lost[..3], out _));
    }

    [Fact]
    public void Nack_too_long_for_the_length_field_is_not_written()
    {
        NackPair[] pairs = new NackPair[70_000];
        GenericNack nack = new(1, 2, pairs);

        Assert.False(nack.TryWrite(new byte[nack.GetSerializedLength()], out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Nack_built_from_lost_sequence_numbers_round_trips()
    {
        ushort[] lost = [100, 101, 116, 117, 200, 65535, 0];
        NackPair[] pairs = new NackPair[8];

        Assert.True(NackPair.TryCreate(lost, pairs, out int pairCount));
        Assert.Equal(4, pairCount);
        Assert.Equal(new NackPair(100, 0x8001), pairs[0]);
        Assert.Equal(new NackPair(117, 0), pairs[1]);
        Assert.Equal(new NackPair(200, 0), pairs[2]);
        Assert.Equal(new NackPair(65535, 1), pairs[3]);

        GenericNack nack = new(9, 10, pairs.AsSpan(0, pairCount));
        byte[] buffer = new byte[nack.GetSerializedLength()];
        Assert.True(nack.TryWrite(buffer, out int written));
        Assert.Equal(Convert.FromHexString("81CD0006" + "00000009" + "0000000A" + "00648001" + "00750000" + "00C80000" + "FFFF0001"), buffer[..written]);

        Assert.True(GenericNack.TryParse(buffer, out GenericNack parsed));
        Span<ushort> expanded = stackalloc ushort[64];
        Assert.True(parsed.TryGetLostSequenceNumbers(expanded, out int count));
        Assert.Equal(lost, expanded[..count].ToArray());
    }

    [Fact]
    public void Nack_without_entries_is_rejected()
    {
        Assert.False(GenericNack.TryParse(Convert.FromHexString("81CD0002" + "00000001" + "00000002"), out _));
        Assert.False(NackPair.TryCreate([1, 100], new NackPair[1], out _));
    }

    [Fact]
    public void Reduced_size_pli_parses_on_its_own()
    {
        // RFC 5506: a lone feedback packet, not starting with SR/RR.
        byte[] raw = Convert.FromHexString("81CE0002" + "00000001" + "00000002");

        Assert.True(PictureLossIndication.TryParse(raw, out PictureLossIndication pli));
        Assert.Equal(new PictureLossIndication(1, 2), pli);
        RtcpCompoundEnumerator packets = new(raw);
        Assert.True(packets.MoveNext());
        Assert.False(packets.MoveNext());
        Assert.False(packets.IsMalformed);
        Assert.False(RtcpCompoundEnumerator.IsValidCompound(raw));
        Assert.False(PictureLossIndication.TryParse(Convert.FromHexString("82CE0002" + "00000001" + "00000002"), out _));
    }

    [Fact]
    public void Fir_round_trips_against_the_rfc_layout()
    {
        FirEntry[] entries = [new(0x11223344, 7), new(0x55667788, 255)];
        FullIntraRequest fir = new(0xAABBCCDD, entries);
        byte[] buffer = new byte[fir.GetSerializedLength()];

        Assert.True(fir.TryWrite(buffer, out int written));

        Assert.Equal(Convert.FromHexString("84CE0006" + "AABBCCDD" + "00000000" + "11223344" + "07000000" + "55667788" + "FF000000"), buffer[..written]);
        Assert.True(FullIntraRequest.TryParse(buffer, out FullIntraRequest parsed));
        Assert.Equal(0xAABBCCDDu, parsed.SenderSsrc);
        Assert.Equal(2, parsed.EntryCount);
        Assert.Equal(entries[1], parsed.GetEntry(1));
    }

    // pion/rtcp receiver_estimated_maximum_bitrate_test.go: "Real data sent by Chrome while watching a 6Mb/s stream".
    private static readonly byte[] ChromeRemb = [143, 206, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 82, 69, 77, 66, 1, 26, 32, 223, 72, 116, 237, 22];

    [Fact]
    public void Remb_from_chrome_decodes_mantissa_and_exponent()
    {
        Assert.True(ReceiverEstimatedMaxBitrate.TryParse(ChromeRemb, out ReceiverEstimatedMaxBitrate remb));

        Assert.Equal(1u, remb.SenderSsrc);
        Assert.Equal(139487u, remb.Mantissa);
        Assert.Equal(6, remb.Exponent);
        Assert.Equal(8927168ul, remb.Bitrate);
        Assert.Equal(1, remb.SsrcCount);
        Assert.Equal(1215622422u, remb.GetSsrc(0));

        byte[] buffer = new byte[remb.GetSerializedLength()];
        Assert.True(remb.TryWrite(buffer, out int written));
        Assert.Equal(ChromeRemb, buffer[..written]);
    }

    [Fact]
    public void Remb_bitrate_is_rounded_down_to_its_mantissa()
    {
        ReceiverEstimatedMaxBitrate same = new(1, 8927168, [1215622422]);
        byte[] buffer = new byte[same.GetSerializedLength()];
        Assert.True(same.TryWrite(buffer, out _));
        Assert.Equal(ChromeRemb, buffer);

        // One bit per second less loses the lowest mantissa step of 2^6.
        ReceiverEstimatedMaxBitrate lower = new(1, 8927167, [1215622422]);
        Assert.Equal(139486u, lower.Mantissa);
        Assert.Equal(8927104ul, lower.Bitrate);

        Assert.Equal((0x3FFFFu, 46), ReceiverEstimatedMaxBitrate.Encode(ulong.MaxValue));
        Assert.Equal((1000u, 0), ReceiverEstimatedMaxBitrate.Encode(1000));
    }

    [Fact]
    public void Remb_without_identifier_is_rejected()
    {
        byte[] raw = (byte[])ChromeRemb.Clone();
        raw[12] = (byte)'X';

        Assert.False(ReceiverEstimatedMaxBitrate.TryParse(raw, out _));
    }
}
