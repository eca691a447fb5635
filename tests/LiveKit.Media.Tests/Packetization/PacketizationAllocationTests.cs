using System;
using System.Collections.Generic;
using LiveKit.Media.Packetization;
using Xunit;
using static LiveKit.Media.Tests.Packetization.Vp8TestStream;

namespace LiveKit.Media.Tests.Packetization;

public class PacketizationAllocationTests
{
    [Fact]
    public void Packetizing_VP8_and_Opus_allocates_nothing()
    {
        byte[] frame = KeyFrame(new Random(1), 30_000);
        byte[] destination = new byte[1200];
        byte[] opus = [1 << 3, 0x11, 0x22, 0x33];
        var opusPacketizer = new OpusRtpPacketizer(0);
        long checksum = Run(frame, destination, opus, opusPacketizer, 10);

        long allocated = SteadyStateAllocation.FewestBytes(() => checksum += Run(frame, destination, opus, opusPacketizer, 1000));

        Assert.Equal(0, allocated);
        Assert.True(checksum > 0);
    }

    [Fact]
    public void Assembling_a_reordered_stream_allocates_nothing_after_warm_up()
    {
        var random = new Random(2);
        List<RtpTestPacket> packets = ShuffleWithinBlocks(
            Packetize(Frames(random, 300, 100, 20_000, keyFrameInterval: 50), firstSequence: 60_000, firstTimestamp: 0),
            Vp8FrameAssembler.DefaultReorderWindow, random);
        int warmUp = packets.Count / 3;
        var assembler = new Vp8FrameAssembler();
        Assemble(assembler, packets, 0, warmUp);

        // The rest in four windows, each continuing where the last stopped.
        long bytes = 0;
        int next = warmUp;
        int window = (packets.Count - warmUp + 3) / 4;
        long allocated = SteadyStateAllocation.FewestBytes(
            () =>
            {
                int end = Math.Min(packets.Count, next + window);
                bytes += Assemble(assembler, packets, next, end);
                next = end;
            },
            windows: 4);
        bytes += Assemble(assembler, packets, next, packets.Count);

        Assert.Equal(0, allocated);
        Assert.True(bytes > 1_000_000);
        Assert.Equal(300, assembler.FramesCompleted);
    }

    private static long Run(byte[] frame, byte[] destination, byte[] opus, OpusRtpPacketizer opusPacketizer, int frames)
    {
        long checksum = 0;
        ushort pictureId = 0;
        for (int i = 0; i < frames; i++)
        {
            var packetizer = new Vp8Packetizer(frame, pictureId, destination.Length);
            while (packetizer.TryWriteNext(destination, out int length, out bool marker))
            {
                checksum += length + (marker ? 1 : 0);
            }

            pictureId = Vp8Packetizer.NextPictureId(pictureId);
            checksum += opusPacketizer.Packetize(opus).Samples;
        }

        return checksum;
    }

    private static long Assemble(Vp8FrameAssembler assembler, List<RtpTestPacket> packets, int from, int to)
    {
        long bytes = 0;
        for (int i = from; i < to; i++)
        {
            RtpTestPacket packet = packets[i];
            assembler.Push(packet.Sequence, packet.Timestamp, packet.Marker, packet.Payload);
            while (assembler.TryReadFrame(out Vp8EncodedFrame frame))
            {
                bytes += frame.Data.Length;
            }
        }

        return bytes;
    }
}
