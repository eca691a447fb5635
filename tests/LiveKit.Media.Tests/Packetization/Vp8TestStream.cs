using System;
using System.Collections.Generic;
using LiveKit.Media.Packetization;

namespace LiveKit.Media.Tests.Packetization;

/// <summary>One RTP packet as the transport hands it to the assembler: the header fields and the payload.</summary>
internal sealed record RtpTestPacket(ushort Sequence, uint Timestamp, bool Marker, byte[] Payload);

/// <summary>Synthetic VP8 frames (a valid frame tag and keyframe header, random bytes after) and their RTP packets.</summary>
internal static class Vp8TestStream
{
    /// <summary>The RTP clock of VP8 (RFC 7741 §4.1) advanced by one 30 fps frame.</summary>
    public const uint TimestampStep = 3000;

    public static byte[] KeyFrame(Random random, int length, int width = 640, int height = 360)
    {
        byte[] frame = new byte[Math.Max(length, Vp8PayloadHeader.KeyFrameLength)];
        random.NextBytes(frame);
        WriteTag(frame, keyFrame: true);
        frame[3] = 0x9D;
        frame[4] = 0x01;
        frame[5] = 0x2A;
        frame[6] = (byte)width;
        frame[7] = (byte)(width >> 8);
        frame[8] = (byte)height;
        frame[9] = (byte)(height >> 8);
        return frame;
    }

    public static byte[] DeltaFrame(Random random, int length)
    {
        byte[] frame = new byte[Math.Max(length, Vp8PayloadHeader.Length)];
        random.NextBytes(frame);
        WriteTag(frame, keyFrame: false);
        return frame;
    }

    /// <summary>A keyframe every <paramref name="keyFrameInterval"/> frames, delta frames between, of random sizes.</summary>
    public static List<byte[]> Frames(Random random, int count, int minLength, int maxLength, int keyFrameInterval = int.MaxValue)
    {
        var frames = new List<byte[]>(count);
        for (int i = 0; i < count; i++)
        {
            int length = random.Next(minLength, maxLength + 1);
            frames.Add(i % keyFrameInterval == 0 ? KeyFrame(random, length) : DeltaFrame(random, length));
        }

        return frames;
    }

    /// <summary>Packetizes frames one after another: consecutive sequence numbers, one timestamp per frame.</summary>
    public static List<RtpTestPacket> Packetize(IReadOnlyList<byte[]> frames, ushort firstSequence, uint firstTimestamp,
        ushort firstPictureId = 100, int maxPayloadSize = 1200)
    {
        var packets = new List<RtpTestPacket>();
        ushort sequence = firstSequence;
        uint timestamp = firstTimestamp;
        ushort pictureId = firstPictureId;
        byte[] scratch = new byte[maxPayloadSize];
        foreach (byte[] frame in frames)
        {
            var packetizer = new Vp8Packetizer(frame, pictureId, maxPayloadSize);
            while (packetizer.TryWriteNext(scratch, out int length, out bool marker))
            {
                packets.Add(new RtpTestPacket(sequence, timestamp, marker, scratch.AsSpan(0, length).ToArray()));
                sequence++;
            }

            timestamp += TimestampStep;
            pictureId = Vp8Packetizer.NextPictureId(pictureId);
        }

        return packets;
    }

    /// <summary>
    /// Shuffles within consecutive blocks of <paramref name="block"/> packets (seeded), so no packet moves by
    /// <paramref name="block"/> places or more: a reorder a window of that size absorbs. The first packet stays
    /// first, as it fixes where the assembler's stream starts.
    /// </summary>
    public static List<RtpTestPacket> ShuffleWithinBlocks(List<RtpTestPacket> packets, int block, Random random)
    {
        var shuffled = new List<RtpTestPacket>(packets);
        for (int start = 1; start < shuffled.Count; start += block)
        {
            int end = Math.Min(start + block, shuffled.Count);
            for (int i = end - 1; i > start; i--)
            {
                int j = random.Next(start, i + 1);
                (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
            }
        }

        return shuffled;
    }

    /// <summary>A frame as read from the assembler, copied out of its buffer.</summary>
    internal sealed record AssembledFrame(byte[] Data, uint Timestamp, bool IsKeyFrame, ushort FirstSequence,
        ushort LastSequence, ushort PictureId);

    public static List<AssembledFrame> Push(Vp8FrameAssembler assembler, IEnumerable<RtpTestPacket> packets)
    {
        var frames = new List<AssembledFrame>();
        foreach (RtpTestPacket packet in packets)
        {
            assembler.Push(packet.Sequence, packet.Timestamp, packet.Marker, packet.Payload);
            ReadAll(assembler, frames);
        }

        return frames;
    }

    public static void ReadAll(Vp8FrameAssembler assembler, List<AssembledFrame> frames)
    {
        while (assembler.TryReadFrame(out Vp8EncodedFrame frame))
        {
            frames.Add(new AssembledFrame(frame.Data.ToArray(), frame.Timestamp, frame.IsKeyFrame,
                frame.FirstSequenceNumber, frame.LastSequenceNumber, frame.Descriptor.PictureId));
        }
    }

    private static void WriteTag(byte[] frame, bool keyFrame)
    {
        // RFC 6386 §9.1: P (bit 0), version 0, show_frame 1, and a first partition size (19 bits).
        int firstPartitionSize = Math.Min(frame.Length / 2, 0x7FFFF);
        int tag = (keyFrame ? 0 : 1) | (1 << 4) | (firstPartitionSize << 5);
        frame[0] = (byte)tag;
        frame[1] = (byte)(tag >> 8);
        frame[2] = (byte)(tag >> 16);
    }
}
