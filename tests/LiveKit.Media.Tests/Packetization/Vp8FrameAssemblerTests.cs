using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.Media.Packetization;
using Xunit;
using static LiveKit.Media.Tests.Packetization.Vp8TestStream;

namespace LiveKit.Media.Tests.Packetization;

public class Vp8FrameAssemblerTests
{
    [Fact]
    public void In_order_packets_give_back_every_frame_with_its_fields()
    {
        var random = new Random(1);
        List<byte[]> frames = Frames(random, 20, 200, 5000, keyFrameInterval: 10);
        List<RtpTestPacket> packets = Packetize(frames, firstSequence: 1000, firstTimestamp: 90_000, firstPictureId: 500);
        var assembler = new Vp8FrameAssembler();
        Assert.True(assembler.NeedsKeyFrame);

        List<AssembledFrame> assembled = Push(assembler, packets);

        Assert.Equal(frames, assembled.Select(f => f.Data));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i % 10 == 0), assembled.Select(f => f.IsKeyFrame));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (uint)(90_000 + i * TimestampStep)), assembled.Select(f => f.Timestamp));
        Assert.Equal(Enumerable.Range(500, 20).Select(i => (ushort)i), assembled.Select(f => f.PictureId));
        Assert.Equal((ushort)1000, assembled[0].FirstSequence);
        Assert.Equal(packets[^1].Sequence, assembled[^1].LastSequence);
        Assert.False(assembler.NeedsKeyFrame);
        Assert.Equal(20, assembler.FramesCompleted);
        Assert.Equal(packets.Count, assembler.PacketsReceived);
        Assert.Equal(0, assembler.LostPackets + assembler.FramesIncomplete + assembler.DiscardedPackets + assembler.HeldPackets);
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 16)]
    [InlineData(3, 4)]
    [InlineData(4, 64)]
    public void Packets_shuffled_within_the_window_and_across_the_sequence_wrap_give_back_the_original_frames(int seed, int window)
    {
        var random = new Random(seed);
        List<byte[]> frames = Frames(random, 200, 1, 9000, keyFrameInterval: 40);
        List<RtpTestPacket> packets = Packetize(frames, firstSequence: 65000, firstTimestamp: uint.MaxValue - 30_000);
        Assert.Contains(packets, p => p.Sequence == 65535);
        Assert.Contains(packets, p => p.Sequence == 100);
        List<RtpTestPacket> shuffled = ShuffleWithinBlocks(packets, window, random);
        var assembler = new Vp8FrameAssembler(window);

        List<AssembledFrame> assembled = Push(assembler, shuffled);

        Assert.Equal(frames.Count, assembled.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i], assembled[i].Data);
            Assert.Equal(unchecked(uint.MaxValue - 30_000 + (uint)i * TimestampStep), assembled[i].Timestamp);
        }

        Assert.Equal(0, assembler.LostPackets + assembler.LatePackets + assembler.FramesIncomplete);
        Assert.Equal(0, assembler.HeldPackets);
    }

    [Fact]
    public void A_frame_spanning_the_wrap_from_65535_to_0_is_assembled()
    {
        byte[] key = KeyFrame(new Random(5), 4000);
        List<RtpTestPacket> packets = Packetize([key], firstSequence: 65534, firstTimestamp: 0);
        Assert.Equal(new ushort[] { 65534, 65535, 0, 1 }, packets.Select(p => p.Sequence));

        List<AssembledFrame> assembled = Push(new Vp8FrameAssembler(), packets);

        AssembledFrame frame = Assert.Single(assembled);
        Assert.Equal(key, frame.Data);
        Assert.Equal((ushort)65534, frame.FirstSequence);
        Assert.Equal((ushort)1, frame.LastSequence);
    }

    [Fact]
    public void Losing_a_middle_packet_drops_the_frame_and_then_delta_frames_until_a_keyframe()
    {
        var random = new Random(6);
        // key, delta x5 (3 packets each), key, delta x2.
        var frames = new List<byte[]> { KeyFrame(random, 3000) };
        frames.AddRange(Enumerable.Range(0, 5).Select(_ => DeltaFrame(random, 3000)));
        frames.Add(KeyFrame(random, 3000));
        frames.AddRange(Enumerable.Range(0, 2).Select(_ => DeltaFrame(random, 3000)));
        List<RtpTestPacket> packets = Packetize(frames, firstSequence: 10, firstTimestamp: 0);
        Assert.Equal(27, packets.Count);
        // Lose the middle packet of the second frame (the first delta frame).
        RtpTestPacket lost = packets[4];
        var assembler = new Vp8FrameAssembler(reorderWindow: 4);

        List<AssembledFrame> assembled = Push(assembler, packets.Where(p => p != lost).Take(17));

        // Only the first keyframe came out; the loss was noticed once 4 packets had passed it.
        Assert.Equal([frames[0]], assembled.Select(f => f.Data));
        Assert.True(assembler.NeedsKeyFrame);
        Assert.Equal(1, assembler.LostPackets);
        Assert.Equal(1, assembler.FramesIncomplete);

        assembled.AddRange(Push(assembler, packets.Skip(18)));

        Assert.Equal([frames[0], frames[6], frames[7], frames[8]], assembled.Select(f => f.Data));
        Assert.False(assembler.NeedsKeyFrame);
        Assert.Equal(4, assembler.FramesDroppedWaitingForKeyFrame);
        Assert.Equal(1, assembler.DiscardedPackets); // the lost frame's last packet
    }

    [Fact]
    public void Delta_frames_before_the_first_keyframe_are_dropped_and_counted()
    {
        var random = new Random(7);
        List<byte[]> frames = [DeltaFrame(random, 100), DeltaFrame(random, 100), KeyFrame(random, 100), DeltaFrame(random, 100)];
        var assembler = new Vp8FrameAssembler();

        List<AssembledFrame> assembled = Push(assembler, Packetize(frames, 0, 0));

        Assert.Equal([frames[2], frames[3]], assembled.Select(f => f.Data));
        Assert.Equal(2, assembler.FramesDroppedWaitingForKeyFrame);
    }

    [Fact]
    public void Joining_in_the_middle_of_a_frame_discards_its_rest()
    {
        var random = new Random(8);
        List<byte[]> frames = [KeyFrame(random, 5000), KeyFrame(random, 2000)];
        List<RtpTestPacket> packets = Packetize(frames, 0, 0);
        var assembler = new Vp8FrameAssembler();

        List<AssembledFrame> assembled = Push(assembler, packets.Skip(2));

        Assert.Equal([frames[1]], assembled.Select(f => f.Data));
        Assert.Equal(3, assembler.DiscardedPackets);
    }

    [Fact]
    public void Duplicates_are_ignored_whether_held_or_already_used()
    {
        var random = new Random(9);
        List<byte[]> frames = Frames(random, 30, 100, 4000, keyFrameInterval: 30);
        List<RtpTestPacket> packets = Packetize(frames, firstSequence: 65500, firstTimestamp: 0);
        var arrivals = new List<RtpTestPacket>();
        for (int i = 0; i < packets.Count; i++)
        {
            // Each packet twice in a row, and once more 3 packets later; every fifth pair swapped (held duplicates).
            if (i % 5 == 1 && i + 1 < packets.Count)
            {
                arrivals.AddRange([packets[i + 1], packets[i + 1], packets[i], packets[i]]);
                i++;
            }
            else
            {
                arrivals.AddRange([packets[i], packets[i]]);
            }

            if (i >= 3)
            {
                arrivals.Add(packets[i - 3]);
            }
        }

        var assembler = new Vp8FrameAssembler();
        var results = new List<Vp8PacketResult>();
        var assembled = new List<AssembledFrame>();
        foreach (RtpTestPacket packet in arrivals)
        {
            results.Add(assembler.Push(packet.Sequence, packet.Timestamp, packet.Marker, packet.Payload));
            ReadAll(assembler, assembled);
        }

        Assert.Equal(frames, assembled.Select(f => f.Data));
        Assert.Equal(packets.Count, results.Count(r => r == Vp8PacketResult.Accepted));
        Assert.Equal(arrivals.Count - packets.Count, results.Count(r => r == Vp8PacketResult.Duplicate));
        Assert.Equal(arrivals.Count - packets.Count, assembler.DuplicatePackets);
        Assert.Equal(0, assembler.LatePackets + assembler.LostPackets + assembler.FramesIncomplete);
    }

    [Fact]
    public void A_packet_arriving_after_its_place_was_given_up_is_late()
    {
        var random = new Random(10);
        List<RtpTestPacket> packets = Packetize(Frames(random, 10, 100, 100, keyFrameInterval: 1), 0, 0);
        var assembler = new Vp8FrameAssembler(reorderWindow: 2);

        Push(assembler, packets.Take(3));
        Push(assembler, packets.Skip(4).Take(2)); // 4 held, 5 gives 3 up
        Vp8PacketResult result = assembler.Push(packets[3].Sequence, packets[3].Timestamp, packets[3].Marker, packets[3].Payload);

        Assert.Equal(Vp8PacketResult.Late, result);
        Assert.Equal(1, assembler.LatePackets);
        Assert.Equal(1, assembler.LostPackets);
    }

    [Fact]
    public void SkipMissingPackets_gives_up_the_gap_and_uses_the_held_packets()
    {
        var random = new Random(11);
        List<byte[]> frames = [KeyFrame(random, 100), KeyFrame(random, 2500), KeyFrame(random, 100)];
        List<RtpTestPacket> packets = Packetize(frames, 100, 0);
        Assert.Equal(5, packets.Count);
        var assembler = new Vp8FrameAssembler();
        Assert.Equal(0, assembler.SkipMissingPackets());

        // The second frame's first packet is lost; its other two and the third frame are held behind the gap.
        List<AssembledFrame> assembled = Push(assembler, [packets[0], packets[2], packets[3], packets[4]]);
        Assert.Equal([frames[0]], assembled.Select(f => f.Data));
        Assert.Equal(3, assembler.HeldPackets);

        Assert.Equal(1, assembler.SkipMissingPackets());
        ReadAll(assembler, assembled);

        Assert.Equal([frames[0], frames[2]], assembled.Select(f => f.Data));
        Assert.Equal(0, assembler.HeldPackets);
        Assert.Equal(1, assembler.LostPackets);
        Assert.Equal(2, assembler.DiscardedPackets);
        Assert.False(assembler.NeedsKeyFrame);
        Assert.Equal(0, assembler.SkipMissingPackets());
    }

    [Fact]
    public void A_timestamp_change_without_the_marker_drops_the_frame()
    {
        var random = new Random(12);
        List<byte[]> frames = [KeyFrame(random, 100), DeltaFrame(random, 2000), KeyFrame(random, 100)];
        List<RtpTestPacket> packets = Packetize(frames, 0, 0);
        // The second frame's second packet loses its marker and comes with the next frame's timestamp; then a
        // new frame starts before any marker.
        packets[2] = packets[2] with { Marker = false, Timestamp = packets[2].Timestamp + 1 };
        var assembler = new Vp8FrameAssembler();

        List<AssembledFrame> assembled = Push(assembler, packets);

        Assert.Equal([frames[0], frames[2]], assembled.Select(f => f.Data));
        Assert.Equal(1, assembler.FramesIncomplete);
        Assert.Equal(1, assembler.DiscardedPackets);
    }

    [Fact]
    public void A_frame_without_its_marker_is_dropped_when_the_next_one_starts()
    {
        var random = new Random(13);
        List<byte[]> frames = [KeyFrame(random, 2000), DeltaFrame(random, 100)];
        List<RtpTestPacket> packets = Packetize(frames, 0, 0);
        packets[1] = packets[1] with { Marker = false };
        var assembler = new Vp8FrameAssembler();

        List<AssembledFrame> assembled = Push(assembler, packets);

        Assert.Empty(assembled);
        Assert.Equal(1, assembler.FramesIncomplete);
        Assert.Equal(1, assembler.FramesDroppedWaitingForKeyFrame);
        Assert.True(assembler.NeedsKeyFrame);
    }

    [Fact]
    public void A_malformed_packet_counts_and_loses_its_frame_at_once()
    {
        var random = new Random(14);
        List<byte[]> frames = [KeyFrame(random, 100), KeyFrame(random, 3000), KeyFrame(random, 100)];
        List<RtpTestPacket> packets = Packetize(frames, 0, 0);
        packets[2] = packets[2] with { Payload = [0x80, 0x80, 0x80] }; // a 15-bit PictureID cut short
        var assembler = new Vp8FrameAssembler();
        var results = new List<Vp8PacketResult>();
        var assembled = new List<AssembledFrame>();

        foreach (RtpTestPacket packet in packets)
        {
            results.Add(assembler.Push(packet.Sequence, packet.Timestamp, packet.Marker, packet.Payload));
            ReadAll(assembler, assembled);
        }

        Assert.Equal(Vp8PacketResult.Malformed, results[2]);
        Assert.Equal(1, assembler.MalformedPackets);
        Assert.Equal(1, assembler.FramesIncomplete);
        Assert.Equal([frames[0], frames[2]], assembled.Select(f => f.Data));
    }

    [Fact]
    public void A_descriptor_with_no_VP8_data_is_malformed()
    {
        var assembler = new Vp8FrameAssembler();

        Assert.Equal(Vp8PacketResult.Malformed, assembler.Push(1, 0, true, [0x90, 0x80, 0x80, 0x01]));
        Assert.Equal(1, assembler.MalformedPackets);
    }

    [Fact]
    public void Padding_packets_keep_the_sequence_contiguous_without_a_loss()
    {
        var random = new Random(15);
        List<byte[]> frames = [KeyFrame(random, 100), DeltaFrame(random, 100)];
        List<RtpTestPacket> packets = Packetize(frames, 0, 0);
        var withPadding = new List<RtpTestPacket>
        {
            packets[0],
            new(1, packets[0].Timestamp, false, []),
            new(2, packets[0].Timestamp, false, []),
            packets[1] with { Sequence = 3 },
        };
        var assembler = new Vp8FrameAssembler();

        var results = new List<Vp8PacketResult>();
        var assembled = new List<AssembledFrame>();
        foreach (RtpTestPacket packet in withPadding)
        {
            results.Add(assembler.Push(packet.Sequence, packet.Timestamp, packet.Marker, packet.Payload));
            ReadAll(assembler, assembled);
        }

        Assert.Equal([Vp8PacketResult.Accepted, Vp8PacketResult.Padding, Vp8PacketResult.Padding, Vp8PacketResult.Accepted], results);

        Assert.Equal(frames, assembled.Select(f => f.Data));
        Assert.False(assembler.NeedsKeyFrame);
        Assert.Equal(0, assembler.LostPackets);
    }

    [Fact]
    public void Frames_left_unread_are_discarded_at_the_next_call_and_need_a_keyframe()
    {
        var random = new Random(16);
        List<byte[]> frames = [KeyFrame(random, 100), DeltaFrame(random, 100), DeltaFrame(random, 100)];
        List<RtpTestPacket> packets = Packetize(frames, 0, 0);
        var assembler = new Vp8FrameAssembler();

        assembler.Push(packets[0].Sequence, packets[0].Timestamp, packets[0].Marker, packets[0].Payload);
        assembler.Push(packets[1].Sequence, packets[1].Timestamp, packets[1].Marker, packets[1].Payload);

        Assert.Equal(1, assembler.FramesUnread);
        Assert.True(assembler.NeedsKeyFrame);
        Assert.Equal(1, assembler.FramesDroppedWaitingForKeyFrame);
        Assert.False(assembler.TryReadFrame(out _));
    }

    [Fact]
    public void A_frame_larger_than_the_maximum_is_dropped()
    {
        var random = new Random(17);
        List<byte[]> frames = [KeyFrame(random, 5000), KeyFrame(random, 1000)];
        var assembler = new Vp8FrameAssembler(maxFrameBytes: 2500);

        // 5 packets of 1000 bytes: the third goes over, the last two belong to no frame.
        List<AssembledFrame> assembled = Push(assembler, Packetize(frames, 0, 0));

        Assert.Equal([frames[1]], assembled.Select(f => f.Data));
        Assert.Equal(1, assembler.FramesIncomplete);
        Assert.Equal(2, assembler.DiscardedPackets);
    }

    [Fact]
    public void A_long_jump_forward_counts_the_gap_as_lost()
    {
        var random = new Random(18);
        List<byte[]> frames = [KeyFrame(random, 100), KeyFrame(random, 100)];
        List<RtpTestPacket> packets = Packetize(frames, 0, 0);
        var assembler = new Vp8FrameAssembler();

        List<AssembledFrame> assembled = Push(assembler, [packets[0], packets[1] with { Sequence = 20_001 }]);

        // The window moved up to the new packet, which waits for the packets just before it, as any early packet.
        Assert.Equal([frames[0]], assembled.Select(f => f.Data));
        Assert.Equal(1, assembler.HeldPackets);
        Assert.Equal(Vp8FrameAssembler.DefaultReorderWindow - 1, assembler.SkipMissingPackets());
        ReadAll(assembler, assembled);

        Assert.Equal(frames, assembled.Select(f => f.Data));
        Assert.Equal(20_000, assembler.LostPackets);
        Assert.True(assembler.NeedsKeyFrame is false);
    }

    [Fact]
    public void Two_sequential_packets_far_behind_mean_the_sender_restarted()
    {
        var random = new Random(19);
        List<byte[]> frames = [KeyFrame(random, 100), KeyFrame(random, 100), KeyFrame(random, 2000)];
        List<RtpTestPacket> packets = Packetize(frames, 40_000, 0);
        var assembler = new Vp8FrameAssembler();

        List<AssembledFrame> assembled = Push(assembler, [packets[0]]);
        // One stray packet from far behind is only late...
        Assert.Equal(Vp8PacketResult.Late, assembler.Push(35_000, 0, true, packets[1].Payload));
        assembled.AddRange(Push(assembler, [packets[1]]));
        // ...but a run from far behind restarts the stream (its first packet is the probe, lost).
        List<RtpTestPacket> restarted = Packetize([frames[1], frames[2]], 30_000, 9000);
        assembled.AddRange(Push(assembler, restarted));

        Assert.Equal([frames[0], frames[1], frames[2]], assembled.Select(f => f.Data));
        Assert.Equal(2, assembler.LatePackets);
        Assert.False(assembler.NeedsKeyFrame);
    }

    [Fact]
    public void RequireKeyFrame_and_Reset_drop_delta_frames_until_a_keyframe()
    {
        var random = new Random(20);
        List<byte[]> frames = [KeyFrame(random, 100), DeltaFrame(random, 100), DeltaFrame(random, 100), KeyFrame(random, 100)];
        List<RtpTestPacket> packets = Packetize(frames, 0, 0);
        var assembler = new Vp8FrameAssembler();

        List<AssembledFrame> assembled = Push(assembler, packets.Take(1));
        assembler.RequireKeyFrame();
        assembled.AddRange(Push(assembler, packets.Skip(1).Take(1)));
        assembler.Reset();
        assembled.AddRange(Push(assembler, packets.Skip(2)));

        Assert.Equal([frames[0], frames[3]], assembled.Select(f => f.Data));
        Assert.Equal(2, assembler.FramesDroppedWaitingForKeyFrame);
    }

    [Fact]
    public void Constructor_arguments_out_of_range_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vp8FrameAssembler(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vp8FrameAssembler(Vp8FrameAssembler.MaxReorderWindow + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vp8FrameAssembler(maxFrameBytes: 0));
    }

    [Fact]
    public void Mutated_reordered_lossy_streams_never_throw_and_frames_stay_within_bounds()
    {
        var random = new Random(4585);
        List<byte[]> frames = Frames(random, 400, 1, 6000, keyFrameInterval: 25);
        List<RtpTestPacket> packets = Packetize(frames, 65000, 0, maxPayloadSize: 300);
        var frameSet = new HashSet<string>(frames.Select(Convert.ToBase64String));
        var assembler = new Vp8FrameAssembler(reorderWindow: 8, maxFrameBytes: 5000);
        int exact = 0, delivered = 0;

        for (int i = 0; i < 20_000; i++)
        {
            RtpTestPacket packet = packets[random.Next(packets.Count)];
            byte[] payload = packet.Payload.ToArray();
            ushort sequence = packet.Sequence;
            uint timestamp = packet.Timestamp;
            bool marker = packet.Marker;
            switch (random.Next(6))
            {
                case 0:
                    payload[random.Next(Math.Min(payload.Length, 6))] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    payload = payload.AsSpan(0, random.Next(payload.Length + 1)).ToArray();
                    break;
                case 2:
                    sequence = (ushort)random.Next(65536);
                    break;
                case 3:
                    marker = !marker;
                    timestamp += (uint)random.Next(3);
                    break;
                default:
                    // Mostly a plausible stream: the next packets in order.
                    packet = packets[i % packets.Count];
                    (payload, sequence, timestamp, marker) = (packet.Payload, packet.Sequence, packet.Timestamp, packet.Marker);
                    break;
            }

            assembler.Push(sequence, timestamp, marker, payload);
            if (i % 97 == 0)
            {
                assembler.SkipMissingPackets();
            }

            while (assembler.TryReadFrame(out Vp8EncodedFrame frame))
            {
                delivered++;
                Assert.InRange(frame.Data.Length, 1, 5000);
                if (frameSet.Contains(Convert.ToBase64String(frame.Data)))
                {
                    exact++;
                }
            }

            Assert.InRange(assembler.HeldPackets, 0, assembler.ReorderWindow);
        }

        Assert.True(delivered > 0 && exact > 0, $"delivered {delivered}, exact {exact}");
        Assert.Equal(20_000, assembler.PacketsReceived);
    }
}
