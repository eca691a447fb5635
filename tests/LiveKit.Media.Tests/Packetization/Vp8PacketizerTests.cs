using System;
using System.Collections.Generic;
using LiveKit.Media.Packetization;
using Xunit;

namespace LiveKit.Media.Tests.Packetization;

public class Vp8PacketizerTests
{
    private sealed record Payload(byte[] Bytes, bool Marker);

    private static List<Payload> Packetize(byte[] frame, ushort pictureId, int maxPayloadSize, bool nonReference = false)
    {
        var payloads = new List<Payload>();
        byte[] destination = new byte[maxPayloadSize];
        var packetizer = new Vp8Packetizer(frame, pictureId, maxPayloadSize, nonReference);
        int count = packetizer.PacketCount;
        while (packetizer.TryWriteNext(destination, out int length, out bool marker))
        {
            payloads.Add(new Payload(destination.AsSpan(0, length).ToArray(), marker));
        }

        Assert.Equal(count, payloads.Count);
        Assert.Equal(0, packetizer.RemainingPackets);
        Assert.Equal(0, packetizer.NextPayloadLength);
        Assert.False(packetizer.TryWriteNext(destination, out int after, out bool afterMarker));
        Assert.Equal(0, after);
        Assert.False(afterMarker);
        return payloads;
    }

    [Theory]
    [InlineData(1, 1200)]
    [InlineData(1196, 1200)]
    [InlineData(1197, 1200)]
    [InlineData(2392, 1200)]
    [InlineData(2393, 1200)]
    [InlineData(5000, 1200)]
    [InlineData(150_001, 1200)]
    [InlineData(1000, 100)]
    [InlineData(37, 5)]
    public void Payloads_respect_the_maximum_carry_the_descriptor_and_reassemble_the_frame(int frameLength, int maxPayloadSize)
    {
        byte[] frame = Vp8TestStream.KeyFrame(new Random(frameLength), frameLength);
        frame = frame.AsSpan(0, frameLength).ToArray();
        List<Payload> payloads = Packetize(frame, pictureId: 0x1234, maxPayloadSize);

        int room = maxPayloadSize - Vp8Packetizer.DescriptorLength;
        Assert.Equal((frameLength + room - 1) / room, payloads.Count);
        Assert.Equal(payloads.Count, Vp8Packetizer.GetPacketCount(frameLength, maxPayloadSize));

        var reassembled = new List<byte>();
        int smallest = int.MaxValue, largest = 0;
        for (int i = 0; i < payloads.Count; i++)
        {
            Payload payload = payloads[i];
            Assert.InRange(payload.Bytes.Length, Vp8Packetizer.DescriptorLength + 1, maxPayloadSize);
            Assert.True(Vp8PayloadDescriptor.TryParse(payload.Bytes, out Vp8PayloadDescriptor descriptor, out int headerLength));
            Assert.Equal(Vp8Packetizer.DescriptorLength, headerLength);
            Assert.Equal(i == 0, descriptor.StartOfPartition);
            Assert.Equal(0, descriptor.PartitionIndex);
            Assert.True(descriptor.HasPictureId);
            Assert.True(descriptor.IsLongPictureId);
            Assert.Equal(0x1234, descriptor.PictureId);
            Assert.False(descriptor.NonReference);
            Assert.False(descriptor.HasTl0PicIdx || descriptor.HasTemporalLayer || descriptor.HasKeyIndex);
            Assert.Equal(i == payloads.Count - 1, payload.Marker);

            int chunk = payload.Bytes.Length - headerLength;
            smallest = Math.Min(smallest, chunk);
            largest = Math.Max(largest, chunk);
            reassembled.AddRange(payload.Bytes.AsSpan(headerLength).ToArray());
        }

        // Balanced: the VP8 bytes per payload differ by at most one.
        Assert.InRange(largest - smallest, 0, 1);
        Assert.Equal(frame, reassembled.ToArray());
    }

    [Fact]
    public void Sizes_are_balanced_with_the_larger_payloads_last()
    {
        // 2393 bytes at 1196 per payload: 3 payloads of 797, 798, 798 rather than 1196, 1196, 1.
        List<Payload> payloads = Packetize(new byte[2393], pictureId: 0, 1200);

        Assert.Equal([801, 802, 802], payloads.ConvertAll(p => p.Bytes.Length));
    }

    [Fact]
    public void The_PictureID_is_the_one_given_and_advances_across_frames_with_15_bit_wrap()
    {
        var random = new Random(3);
        ushort pictureId = 32766;
        var seen = new List<ushort>();
        for (int frame = 0; frame < 4; frame++)
        {
            foreach (Payload payload in Packetize(Vp8TestStream.DeltaFrame(random, 3000), pictureId, 1200))
            {
                Assert.True(Vp8PayloadDescriptor.TryParse(payload.Bytes, out Vp8PayloadDescriptor descriptor, out _));
                Assert.Equal(pictureId, descriptor.PictureId);
            }

            seen.Add(pictureId);
            pictureId = Vp8Packetizer.NextPictureId(pictureId);
        }

        Assert.Equal([32766, 32767, 0, 1], seen);
    }

    [Fact]
    public void A_non_reference_frame_has_N_on_every_payload()
    {
        foreach (Payload payload in Packetize(new byte[3000], pictureId: 9, 1200, nonReference: true))
        {
            Assert.True(Vp8PayloadDescriptor.TryParse(payload.Bytes, out Vp8PayloadDescriptor descriptor, out _));
            Assert.True(descriptor.NonReference);
        }
    }

    [Fact]
    public void The_first_payload_bytes_are_what_WebRTC_sends()
    {
        byte[] destination = new byte[1200];
        var packetizer = new Vp8Packetizer([0x10, 0x02, 0x00], pictureId: 0x0ABC, 1200);
        Assert.Equal(7, packetizer.NextPayloadLength);
        Assert.True(packetizer.TryWriteNext(destination, out int length, out bool marker));

        // X=1 S=1 PID=0 | I=1 | M=1 PictureID 0x0ABC | frame
        Assert.Equal(new byte[] { 0x90, 0x80, 0x8A, 0xBC, 0x10, 0x02, 0x00 }, destination.AsSpan(0, length).ToArray());
        Assert.True(marker);
    }

    [Fact]
    public void Misuse_throws_with_a_message_that_says_what_to_do()
    {
        Assert.Throws<ArgumentException>(() => new Vp8Packetizer([], 0, 1200));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vp8Packetizer(new byte[10], 0, Vp8Packetizer.DescriptorLength));
        Assert.Contains("NextPictureId", Assert.Throws<ArgumentOutOfRangeException>(() => new Vp8Packetizer(new byte[10], 0x8000, 1200)).Message);
        Assert.Contains("maximum payload size", Assert.Throws<ArgumentException>(() =>
        {
            var packetizer = new Vp8Packetizer(new byte[100], 0, 1200);
            packetizer.TryWriteNext(new byte[50], out _, out _);
        }).Message);
    }
}
