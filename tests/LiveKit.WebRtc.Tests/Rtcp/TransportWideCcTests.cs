using System;
using LiveKit.WebRtc.Rtcp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtcp;

public class TransportWideCcTests
{
    // Vectors from pion/rtcp transport_layer_cc_test.go (TestTransportLayerCC_Unmarshal / _Marshal). Each is padded the
    // libwebrtc way: P set, count in the last byte.
    private static readonly byte[] PionExample1 =
    [
        0xaf, 0xcd, 0x0, 0x5, 0xfa, 0x17, 0xfa, 0x17, 0x43, 0x3, 0x2f, 0xa0,
        0x0, 0x99, 0x0, 0x1, 0x3d, 0xe8, 0x2, 0x17, 0x20, 0x1, 0x94, 0x1,
    ];

    private static readonly byte[] PionExample4 =
    [
        0xaf, 0xcd, 0x0, 0x7, 0xfa, 0x17, 0xfa, 0x17, 0x19, 0x3d, 0xd8, 0xbb,
        0x0, 0x4, 0x0, 0x7, 0x10, 0x63, 0x6e, 0x1, 0x20, 0x7, 0x4c, 0x24,
        0x24, 0x10, 0xc, 0xc, 0x10, 0x0, 0x0, 0x3,
    ];

    private static readonly byte[] PionMarshalExample5 =
    [
        0xaf, 0xcd, 0x0, 0x6, 0xfa, 0x17, 0xfa, 0x17, 0x19, 0x3d, 0xd8, 0xbb,
        0x0, 0x1, 0x0, 0xe, 0x10, 0x63, 0x6d, 0x0, 0xba, 0x0, 0x10, 0xc,
        0xc, 0x10, 0x0, 0x2,
    ];

    private static readonly byte[] PionMarshalExample6 =
    [
        0xaf, 0xcd, 0x0, 0x7, 0xfa, 0x17, 0xfa, 0x17, 0x43, 0x3, 0x2f, 0xa0,
        0x9c, 0x14, 0x0, 0xc, 0x75, 0x84, 0x20, 0x0, 0xbe, 0xc0, 0xc1, 0x3f,
        0x3b, 0x3f, 0x53, 0x90, 0x3b, 0x0, 0x0, 0x3,
    ];

    // Two-bit vector (5 small, 1 lost, 1 large) then a run of "not received" longer than the count needs.
    private static readonly byte[] PionUnmarshalExample6 =
    [
        0xaf, 0xcd, 0x0, 0x7, 0x9b, 0x74, 0xf6, 0x1f, 0x93, 0x71, 0xdc, 0xbc,
        0x85, 0x3c, 0x0, 0x9, 0x63, 0xf9, 0x16, 0xb3, 0xd5, 0x52, 0x0, 0x30,
        0x9b, 0xaa, 0x6a, 0xaa, 0x7b, 0x1, 0x9, 0x1,
    ];

    [Fact]
    public void Run_length_chunk_with_one_small_delta_parses()
    {
        Assert.True(TransportWideCc.TryParse(PionExample1, out TransportWideCc feedback));

        Assert.Equal(4195875351u, feedback.SenderSsrc);
        Assert.Equal(1124282272u, feedback.MediaSsrc);
        Assert.Equal(153, feedback.BaseSequenceNumber);
        Assert.Equal(1, feedback.PacketStatusCount);
        Assert.Equal(4057090, feedback.ReferenceTime);
        Assert.Equal(23, feedback.FeedbackPacketCount);
        Span<TwccPacketStatus> packets = new TwccPacketStatus[1];
        Assert.True(feedback.TryGetPackets(packets, out int count));
        Assert.Equal(1, count);
        Assert.Equal(new TwccPacketStatus(153, true, 37000 / TwccPacketStatus.MicrosecondsPerTick), packets[0]);
    }

    [Fact]
    public void Two_bit_vector_and_oversized_run_parse_with_small_and_large_deltas()
    {
        Assert.True(TransportWideCc.TryParse(PionUnmarshalExample6, out TransportWideCc feedback));
        Assert.Equal(34108, feedback.BaseSequenceNumber);
        Assert.Equal(6551830, feedback.ReferenceTime);
        Assert.Equal(179, feedback.FeedbackPacketCount);

        TwccPacketStatus[] packets = new TwccPacketStatus[feedback.PacketStatusCount];
        Assert.True(feedback.TryGetPackets(packets, out int count));

        Assert.Equal(9, count);
        int[] expectedMicroseconds = [38750, 42500, 26500, 42500, 30750];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(new TwccPacketStatus((ushort)(34108 + i), true, expectedMicroseconds[i] / 250), packets[i]);
        }

        Assert.Equal(new TwccPacketStatus(34113, false, 0), packets[5]);
        Assert.Equal(new TwccPacketStatus(34114, true, 66250 / 250), packets[6]);
        Assert.Equal(TwccSymbol.LargeDelta, packets[6].Symbol);
        Assert.False(packets[7].Received);
        Assert.False(packets[8].Received);
    }

    [Theory]
    [MemberData(nameof(PionBuildVectors))]
    public void Parse_then_build_reproduces_pion_vectors_byte_exact(byte[] vector)
    {
        Assert.True(TransportWideCc.TryParse(vector, out TransportWideCc parsed));
        TwccPacketStatus[] packets = new TwccPacketStatus[parsed.PacketStatusCount];
        Assert.True(parsed.TryGetPackets(packets, out _));

        TransportWideCc built = new(parsed.SenderSsrc, parsed.MediaSsrc, parsed.ReferenceTime, parsed.FeedbackPacketCount, packets);
        byte[] buffer = new byte[built.GetSerializedLength()];
        Assert.True(built.TryWrite(buffer, out int written));

        Assert.Equal(vector, buffer[..written]);
    }

    public static TheoryData<byte[]> PionBuildVectors() => new() { PionExample1, PionExample4, PionMarshalExample5, PionMarshalExample6 };

    [Fact]
    public void Build_uses_one_bit_two_bit_and_run_length_chunks_and_both_delta_sizes()
    {
        // 20 received small, then 3 lost, one negative, one large, one small, one lost, then 30 lost.
        TwccPacketStatus[] packets = new TwccPacketStatus[57];
        ushort sequence = 65530; // crosses the 16-bit wrap
        int index = 0;
        for (int i = 0; i < 20; i++)
        {
            packets[index++] = new TwccPacketStatus(sequence++, true, i * 10);
        }

        for (int i = 0; i < 3; i++)
        {
            packets[index++] = new TwccPacketStatus(sequence++, false, 0);
        }

        packets[index++] = new TwccPacketStatus(sequence++, true, -4);
        packets[index++] = new TwccPacketStatus(sequence++, true, 30000);
        packets[index++] = new TwccPacketStatus(sequence++, true, 255);
        packets[index++] = new TwccPacketStatus(sequence++, false, 0);
        while (index < packets.Length)
        {
            packets[index++] = new TwccPacketStatus(sequence++, false, 0);
        }

        TransportWideCc built = new(1, 2, -5, 200, packets);
        byte[] buffer = new byte[built.GetSerializedLength()];
        Assert.True(built.TryWrite(buffer, out int written));
        Assert.Equal(0, written % 4);

        // Chunks: run of 20 small; two-bit vector (lost x3, large, large, small, lost); run of 30 lost.
        Assert.Equal(new byte[] { 0x20, 0x14 }, buffer[20..22]);
        Assert.Equal(0b1100_0000, buffer[22] & 0b1111_0000);
        Assert.Equal(0x00, buffer[24]);
        Assert.Equal(30, buffer[25]);

        Assert.True(TransportWideCc.TryParse(buffer.AsSpan(0, written), out TransportWideCc parsed));
        Assert.Equal(-5, parsed.ReferenceTime);
        Assert.Equal(200, parsed.FeedbackPacketCount);
        TwccPacketStatus[] decoded = new TwccPacketStatus[parsed.PacketStatusCount];
        Assert.True(parsed.TryGetPackets(decoded, out int count));
        Assert.Equal(packets.Length, count);
        Assert.Equal(packets, decoded);
    }

    [Fact]
    public void One_bit_vector_is_used_for_mixed_small_and_lost()
    {
        TwccPacketStatus[] packets = [new(10, true, 1), new(11, false, 0), new(12, true, 2), new(13, true, 3)];
        TransportWideCc built = new(1, 2, 0, 0, packets);
        byte[] buffer = new byte[built.GetSerializedLength()];
        Assert.True(built.TryWrite(buffer, out int written));

        // T=1 S=0, symbols 1 0 1 1 then zero padding of the vector.
        Assert.Equal(new byte[] { 0b1010_1100, 0x00 }, buffer[20..22]);
        Assert.True(TransportWideCc.TryParse(buffer.AsSpan(0, written), out TransportWideCc parsed));
        TwccPacketStatus[] decoded = new TwccPacketStatus[4];
        Assert.True(parsed.TryGetPackets(decoded, out _));
        Assert.Equal(packets, decoded);
    }

    [Fact]
    public void Reserved_symbol_and_missing_deltas_are_rejected()
    {
        // pion's example 2 uses the reserved two-bit symbol 11, which libwebrtc also rejects.
        byte[] reserved =
        [
            0xaf, 0xcd, 0x0, 0x6, 0xfa, 0x17, 0xfa, 0x17, 0x19, 0x3d, 0xd8, 0xbb,
            0x1, 0x74, 0x0, 0xe, 0x45, 0xb1, 0x5a, 0x40, 0xd8, 0x0, 0xf0, 0xff,
            0xd0, 0x0, 0x0, 0x3,
        ];
        Assert.True(TransportWideCc.TryParse(reserved, out TransportWideCc feedback));
        Assert.False(feedback.TryGetPackets(new TwccPacketStatus[feedback.PacketStatusCount], out _));

        // Three packets announced by the run length chunk but only two delta bytes present.
        byte[] shortDeltas = Convert.FromHexString("8FCD0005" + "00000001" + "00000002" + "00000003" + "00000000" + "20039400");
        Assert.True(TransportWideCc.TryParse(shortDeltas, out feedback));
        Assert.False(feedback.TryGetPackets(new TwccPacketStatus[3], out _));
        Assert.False(feedback.TryGetPackets(new TwccPacketStatus[2], out _));
    }

    [Fact]
    public void Build_rejects_gaps_and_oversized_deltas()
    {
        byte[] buffer = new byte[64];
        Assert.False(new TransportWideCc(1, 2, 0, 0, [new(1, true, 0), new(3, true, 0)]).TryWrite(buffer, out _));
        Assert.False(new TransportWideCc(1, 2, 0, 0, [new(1, true, 40000)]).TryWrite(buffer, out _));
        Assert.False(new TransportWideCc(1, 2, 0, 0, ReadOnlySpan<TwccPacketStatus>.Empty).TryWrite(buffer, out _));
    }
}
