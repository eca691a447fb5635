using System;
using System.Collections.Generic;
using LiveKit.Media.Audio;
using Xunit;

namespace LiveKit.Media.Tests.Audio;

/// <summary>
/// Plays a sender and a 20 ms playout clock against an <see cref="AudioJitterBuffer"/>: each <see cref="Step"/> delivers
/// the packets that arrive in one 20 ms slot, pops once, and moves the clock on by 20 ms.
/// </summary>
internal sealed class JitterBufferHarness : IDisposable
{
    public const int FrameTicks = 960; // 20 ms at 48 kHz

    public JitterBufferHarness(AudioJitterBufferOptions? options = null)
    {
        options ??= new AudioJitterBufferOptions();
        Buffer = new AudioJitterBuffer(new AudioJitterBufferOptions
        {
            ClockRate = options.ClockRate,
            Capacity = options.Capacity,
            TargetDelay = options.TargetDelay,
            MaxDelay = options.MaxDelay,
            Adaptive = options.Adaptive,
            FrameDuration = options.FrameDuration,
            MaxPayloadBytes = options.MaxPayloadBytes,
            TimeProvider = Clock,
        });
    }

    public ManualClock Clock { get; } = new();

    public AudioJitterBuffer Buffer { get; }

    /// <summary>The timestamp of a sequence number: 960 per packet from <see cref="TimestampBase"/>.</summary>
    public uint TimestampBase { get; set; } = 1_000;

    public int SequenceBase { get; set; }

    /// <summary>What the last lost marker said about the next packet (for FEC).</summary>
    public List<(ushort Sequence, uint Timestamp, bool HasNext, int NextSequence)> Losses { get; } = [];

    /// <summary>A payload that names its packet: the sequence number, big-endian, then a marker byte.</summary>
    public static byte[] Payload(int sequence) => [(byte)(sequence >> 8), (byte)sequence, 0xA5];

    public bool Push(int sequence) =>
        Buffer.Push((ushort)sequence, unchecked(TimestampBase + (uint)((sequence - SequenceBase) * FrameTicks)), Payload(sequence));

    /// <summary>Delivers <paramref name="arrivals"/>, pops once, advances 20 ms. "-" for nothing, "n" for packet n, "lost n".</summary>
    public string Step(params int[] arrivals)
    {
        foreach (int sequence in arrivals)
        {
            Push(sequence);
        }

        string result = Pop();
        Clock.Advance(TimeSpan.FromMilliseconds(20));
        return result;
    }

    public string Pop()
    {
        if (!Buffer.TryPop(out JitterBufferPacket packet))
        {
            return "-";
        }

        if (packet.Kind == JitterBufferPacketKind.Lost)
        {
            Assert.True(packet.Payload.IsEmpty);
            int next = packet.HasNext ? (packet.NextPayload[0] << 8) | packet.NextPayload[1] : -1;
            Losses.Add((packet.SequenceNumber, packet.Timestamp, packet.HasNext, next));
            return $"lost {packet.SequenceNumber}";
        }

        int named = (packet.Payload[0] << 8) | packet.Payload[1];
        Assert.Equal((ushort)named, packet.SequenceNumber);
        Assert.Equal(0xA5, packet.Payload[2]);
        Assert.Equal(unchecked(TimestampBase + (uint)((ushort)(packet.SequenceNumber - SequenceBase) * FrameTicks)), packet.Timestamp);
        return packet.SequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Buffer.Dispose();
}
