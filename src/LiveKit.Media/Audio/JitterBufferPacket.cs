using System;

namespace LiveKit.Media.Audio;

/// <summary>
/// One playout slot from <see cref="AudioJitterBuffer.TryPop"/>: a packet to decode or a loss to conceal.
/// </summary>
/// <remarks>
/// The spans point into the buffer's pooled storage and stay valid only until the next call on the buffer (Push,
/// TryPop, Reset or Dispose): decode them before that. That is why this is a <c>ref struct</c>: it cannot be stored.
/// </remarks>
internal readonly ref struct JitterBufferPacket
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly ReadOnlySpan<byte> _nextPayload;

    internal JitterBufferPacket(
        JitterBufferPacketKind kind,
        ushort sequenceNumber,
        uint timestamp,
        int duration,
        ReadOnlySpan<byte> payload,
        bool hasNext,
        ReadOnlySpan<byte> nextPayload)
    {
        Kind = kind;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Duration = duration;
        _payload = payload;
        HasNext = hasNext;
        _nextPayload = nextPayload;
    }

    /// <summary>A packet or a loss.</summary>
    public JitterBufferPacketKind Kind { get; }

    /// <summary>The RTP sequence number of the slot (of the lost packet for <see cref="JitterBufferPacketKind.Lost"/>).</summary>
    public ushort SequenceNumber { get; }

    /// <summary>The RTP timestamp of the slot; for a loss, the one the packet would have carried.</summary>
    public uint Timestamp { get; }

    /// <summary>
    /// How long the slot plays, in RTP timestamp units (960 for 20 ms at 48 kHz): learned from the timestamp steps
    /// between consecutive packets. The length of audio to conceal for a loss.
    /// </summary>
    public int Duration { get; }

    /// <summary>The packet's payload; empty for a loss (and for a packet that carried none: conceal it like a loss).</summary>
    public ReadOnlySpan<byte> Payload => _payload;

    /// <summary>For a loss: whether the packet after it is already buffered, so its in-band FEC can recover this one.</summary>
    public bool HasNext { get; }

    /// <summary>For a loss: the payload of the packet after it when <see cref="HasNext"/>, otherwise empty.</summary>
    public ReadOnlySpan<byte> NextPayload => _nextPayload;
}
