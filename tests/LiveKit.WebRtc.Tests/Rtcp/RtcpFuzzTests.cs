using System;
using LiveKit.WebRtc.Rtcp;
using LiveKit.WebRtc.Tests.Rtp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtcp;

public class RtcpFuzzTests
{
    private static readonly TwccPacketStatus[] TwccScratch = new TwccPacketStatus[ushort.MaxValue + 1];
    private static readonly ushort[] LostScratch = new ushort[4096];
    private static readonly byte[] WriteScratch = new byte[4096];

    public static TheoryData<string> Targets() => new() { "compound", "nack", "pli", "fir", "remb", "twcc" };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Rtcp_parsers_never_throw_on_mutated_input(string target)
    {
        int accepted = new MutationFuzzer(target.Length * 7919, Seeds()).Run(MutationFuzzer.DefaultIterations, Select(target));

        // Each parser sees only some seeds; mutations must still leave a share of inputs it accepts.
        Assert.InRange(accepted, MutationFuzzer.DefaultIterations / 100, MutationFuzzer.DefaultIterations - 1);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    [Trait("Category", "LongFuzz")]
    public void Rtcp_parsers_never_throw_on_mutated_input_long(string target)
    {
        new MutationFuzzer(target.Length * 104729, Seeds()).Run(MutationFuzzer.LongIterations, Select(target));
    }

    private static MutationFuzzer.Target Select(string target) => target switch
    {
        "compound" => ExerciseCompound,
        "nack" => ExerciseNack,
        "pli" => ExercisePli,
        "fir" => ExerciseFir,
        "remb" => ExerciseRemb,
        "twcc" => ExerciseTwcc,
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    private static byte[][] Seeds()
    {
        byte[] nack = new byte[64];
        new GenericNack(1, 2, [new NackPair(100, 0x8001), new NackPair(65535, 1)]).TryWrite(nack, out int nackLength);
        byte[] fir = new byte[64];
        new FullIntraRequest(1, [new FirEntry(5, 6)]).TryWrite(fir, out int firLength);
        byte[] remb = new byte[64];
        new ReceiverEstimatedMaxBitrate(1, 1_000_000, [1, 2]).TryWrite(remb, out int rembLength);
        byte[] twcc = new byte[256];
        TwccPacketStatus[] statuses = new TwccPacketStatus[40];
        for (int i = 0; i < statuses.Length; i++)
        {
            statuses[i] = new TwccPacketStatus((ushort)(65520 + i), i % 5 != 0, i % 7 == 0 ? -300 : i * 3);
        }

        new TransportWideCc(1, 2, 100, 3, statuses).TryWrite(twcc, out int twccLength);
        byte[] compound = new byte[512];
        new SenderReport(1, 2, 3, 4, 5, [new ReportBlock { Ssrc = 9, CumulativeLost = -1 }]).TryWrite(compound, out int offset);
        SourceDescription.ForCname(1, "cname"u8).TryWrite(compound.AsSpan(offset), out int written);
        offset += written;
        new Goodbye([1], "bye"u8).TryWrite(compound.AsSpan(offset), out written);
        offset += written;

        return
        [
            nack[..nackLength], fir[..firLength], remb[..rembLength], twcc[..twccLength], compound[..offset],
            Convert.FromHexString("81CE0002" + "00000001" + "00000002"),
            [.. RtcpReportTests.PionRealPacket],
            Convert.FromHexString("AFCD000700000001000000020004000710636E0120074C242410" + "0C0C10000003"),
        ];
    }

    private static bool ExerciseCompound(ReadOnlySpan<byte> input)
    {
        _ = RtcpCompoundEnumerator.IsValidCompound(input);
        RtcpCompoundEnumerator packets = new(input);
        int count = 0;
        foreach (RtcpPacketView packet in packets)
        {
            count++;
            Assert.True(packet.Body.Length <= packet.Packet.Length - RtcpHeader.Length);
            switch (packet.Header.PacketType)
            {
                case RtcpPacketType.SenderReport:
                    if (SenderReport.TryParse(packet.Packet, out SenderReport sr))
                    {
                        for (int i = 0; i < sr.Reports.Count; i++)
                        {
                            _ = sr.Reports[i];
                        }

                        _ = sr.TryWrite(WriteScratch, out _);
                    }

                    break;
                case RtcpPacketType.ReceiverReport:
                    if (ReceiverReport.TryParse(packet.Packet, out ReceiverReport rr))
                    {
                        _ = rr.TryWrite(WriteScratch, out _);
                    }

                    break;
                case RtcpPacketType.SourceDescription:
                    if (SourceDescription.TryParse(packet.Packet, out SourceDescription sdes))
                    {
                        foreach (SdesItem item in sdes.GetItems())
                        {
                            _ = item.Text.Length;
                        }

                        _ = sdes.TryGetCname(out _, out _);
                        _ = sdes.TryWrite(WriteScratch, out _);
                    }

                    break;
                case RtcpPacketType.Goodbye:
                    if (Goodbye.TryParse(packet.Packet, out Goodbye bye))
                    {
                        _ = bye.TryWrite(WriteScratch, out _);
                    }

                    break;
                default:
                    _ = ExerciseNack(packet.Packet);
                    _ = ExercisePli(packet.Packet);
                    _ = ExerciseFir(packet.Packet);
                    _ = ExerciseRemb(packet.Packet);
                    _ = ExerciseTwcc(packet.Packet);
                    break;
            }
        }

        return count > 0;
    }

    private static bool ExerciseNack(ReadOnlySpan<byte> input)
    {
        if (GenericNack.TryParse(input, out GenericNack nack))
        {
            _ = nack.TryGetLostSequenceNumbers(LostScratch, out _);
            _ = nack.TryWrite(WriteScratch, out _);
            return true;
        }

        return false;
    }

    private static bool ExercisePli(ReadOnlySpan<byte> input)
    {
        if (PictureLossIndication.TryParse(input, out PictureLossIndication pli))
        {
            Assert.True(pli.TryWrite(WriteScratch, out _));
            return true;
        }

        return false;
    }

    private static bool ExerciseFir(ReadOnlySpan<byte> input)
    {
        if (FullIntraRequest.TryParse(input, out FullIntraRequest fir))
        {
            _ = fir.TryWrite(WriteScratch, out _);
            return true;
        }

        return false;
    }

    private static bool ExerciseRemb(ReadOnlySpan<byte> input)
    {
        if (ReceiverEstimatedMaxBitrate.TryParse(input, out ReceiverEstimatedMaxBitrate remb))
        {
            _ = remb.Bitrate;
            Assert.True(remb.TryWrite(WriteScratch, out _));
            return true;
        }

        return false;
    }

    private static bool ExerciseTwcc(ReadOnlySpan<byte> input)
    {
        if (!TransportWideCc.TryParse(input, out TransportWideCc twcc))
        {
            return false;
        }

        if (twcc.TryGetPackets(TwccScratch, out int count) && count > 0)
        {
            // Whatever decodes must encode and decode back to the same statuses.
            TransportWideCc rebuilt = new(twcc.SenderSsrc, twcc.MediaSsrc, twcc.ReferenceTime, twcc.FeedbackPacketCount, TwccScratch.AsSpan(0, count));
            Span<byte> buffer = rebuilt.GetSerializedLength() <= WriteScratch.Length ? WriteScratch : new byte[rebuilt.GetSerializedLength()];
            Assert.True(rebuilt.TryWrite(buffer, out int written));
            Assert.True(TransportWideCc.TryParse(buffer[..written], out TransportWideCc again));
            Assert.Equal(count, again.PacketStatusCount);
        }

        return true;
    }
}
