using System;
using LiveKit.WebRtc.Rtcp;
using LiveKit.WebRtc.Rtp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtcp;

public class AllocationTests
{
    private const int Iterations = 1000;

    [Fact]
    public void Rtp_parse_and_write_with_extensions_allocate_nothing_after_warm_up()
    {
        byte[] buffer = new byte[256];
        byte[] payload = new byte[100];
        byte[] level = [0x85];
        uint[] csrcs = [1, 2];
        RoundTripRtp(buffer, payload, level, csrcs);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < Iterations; i++)
        {
            total += RoundTripRtp(buffer, payload, level, csrcs);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    [Fact]
    public void Rtcp_compound_parse_and_write_allocate_nothing_after_warm_up()
    {
        byte[] buffer = new byte[512];
        ReportBlock[] blocks = [new() { Ssrc = 5, Jitter = 7 }];
        NackPair[] pairs = [new(10, 3)];
        TwccPacketStatus[] statuses = [new(1, true, 4), new(2, false, 0), new(3, true, 1000)];
        TwccPacketStatus[] decoded = new TwccPacketStatus[16];
        ushort[] lost = new ushort[32];
        RoundTripRtcp(buffer, blocks, pairs, statuses, decoded, lost);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < Iterations; i++)
        {
            total += RoundTripRtcp(buffer, blocks, pairs, statuses, decoded, lost);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    private static int RoundTripRtp(byte[] buffer, byte[] payload, byte[] level, uint[] csrcs)
    {
        RtpPacketWriter writer = new(buffer, new RtpHeader { PayloadType = 111, SequenceNumber = 9, Ssrc = 3 }, csrcs, RtpExtensionForm.OneByte);
        writer.TryAddExtension(1, level);
        writer.TryAddExtension(4, level);
        writer.TryComplete(payload, 4, out int written);

        RtpPacket.TryParse(buffer.AsSpan(0, written), out RtpPacket packet);
        packet.TryGetExtension(4, out ReadOnlySpan<byte> value);
        AudioLevelExtension.TryParse(value, out AudioLevelExtension audio);
        return packet.Payload.Length + audio.Level + (int)packet.GetCsrc(1);
    }

    private static int RoundTripRtcp(byte[] buffer, ReportBlock[] blocks, NackPair[] pairs, TwccPacketStatus[] statuses, TwccPacketStatus[] decoded, ushort[] lost)
    {
        Span<byte> span = buffer;
        new SenderReport(1, 2, 3, 4, 5, blocks).TryWrite(span, out int offset);
        SourceDescription.ForCname(1, "cname"u8).TryWrite(span[offset..], out int written);
        offset += written;
        new GenericNack(1, 2, pairs).TryWrite(span[offset..], out written);
        offset += written;
        new TransportWideCc(1, 2, 3, 4, statuses).TryWrite(span[offset..], out written);
        offset += written;
        new ReceiverEstimatedMaxBitrate(1, 123456, ReadOnlySpan<uint>.Empty).TryWrite(span[offset..], out written);
        offset += written;

        int sum = 0;
        foreach (RtcpPacketView packet in new RtcpCompoundEnumerator(span[..offset]))
        {
            if (SenderReport.TryParse(packet.Packet, out SenderReport sr))
            {
                sum += (int)sr.Reports[0].Jitter;
            }
            else if (SourceDescription.TryParse(packet.Packet, out SourceDescription sdes) && sdes.TryGetCname(out _, out ReadOnlySpan<byte> cname))
            {
                sum += cname.Length;
            }
            else if (GenericNack.TryParse(packet.Packet, out GenericNack nack) && nack.TryGetLostSequenceNumbers(lost, out int count))
            {
                sum += count;
            }
            else if (TransportWideCc.TryParse(packet.Packet, out TransportWideCc twcc) && twcc.TryGetPackets(decoded, out int packets))
            {
                sum += packets;
            }
            else if (ReceiverEstimatedMaxBitrate.TryParse(packet.Packet, out ReceiverEstimatedMaxBitrate remb))
            {
                sum += (int)(remb.Bitrate & 0xFF);
            }
        }

        return sum;
    }
}
