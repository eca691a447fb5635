using System;
using System.Collections.Concurrent;
using System.Threading;
using LiveKit.WebRtc.Rtp;

namespace LiveKit.WebRtc;

/// <summary>
/// One received RTP packet, decrypted, in a pooled buffer. The reader owns it: dispose it when done, after which the
/// packet goes back to a pool with its buffer and must not be touched (copy what you keep): it carries a later packet,
/// so that receiving allocates nothing per packet. Packets a reader never takes (a closed or overflowing receiver) are
/// disposed by the receiver.
/// </summary>
/// <remarks>
/// Each pooled packet owns its buffer (<see cref="Capacity"/> bytes) rather than renting one from
/// <c>ArrayPool.Shared</c>: packets are filled on the network thread and disposed on the readers' threads, a pattern
/// the shared pool's per-thread and per-core caches do not keep up with when a hundred packets are in flight.
/// </remarks>
public sealed class ReceivedRtpPacket : IDisposable
{
    /// <summary>The largest RTP packet held: a whole datagram on an Ethernet-sized path.</summary>
    internal const int Capacity = 1500;

    // Packets kept for reuse (1.5 MB at most): a few receive queues' worth; beyond that a disposed packet is left to the GC.
    private const int PoolLimit = 1024;
    private static readonly ConcurrentQueue<ReceivedRtpPacket> s_pool = new();
    private static int s_pooled;

    private readonly byte[] _storage = new byte[Capacity];
    private byte[]? _buffer;
    private int _length;
    private int _payloadOffset;
    private int _payloadLength;

    private ReceivedRtpPacket()
    {
    }

    /// <summary>The RTP sequence number.</summary>
    public ushort SequenceNumber { get; private set; }

    /// <summary>The RTP timestamp, in the codec's clock units.</summary>
    public uint Timestamp { get; private set; }

    /// <summary>The synchronization source.</summary>
    public uint Ssrc { get; private set; }

    /// <summary>
    /// The simulcast layer (one of <see cref="RtpReceiver.Rids"/>) that this packet's SSRC is bound to, or null without
    /// simulcast. Set from the SSRC's binding: later packets of a layer carry no rid extension, yet still have it.
    /// </summary>
    public string? Rid { get; private set; }

    /// <summary>The payload type.</summary>
    public byte PayloadType { get; private set; }

    /// <summary>The marker bit: end of a video frame, start of a talkspurt.</summary>
    public bool Marker { get; private set; }

    /// <summary>When it arrived, as a <see cref="TimeProvider.GetTimestamp"/> value of the connection's clock.</summary>
    public long ReceivedAt { get; private set; }

    /// <summary>The whole RTP packet (header, extensions, payload; no SRTP tag).</summary>
    public ReadOnlyMemory<byte> Packet => new(Buffer, 0, _length);

    /// <summary>The payload, without padding.</summary>
    public ReadOnlyMemory<byte> Payload => new(Buffer, _payloadOffset, _payloadLength);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(ReceivedRtpPacket));

    /// <summary>Finds a header extension element by its negotiated id (RFC 8285).</summary>
    public bool TryGetExtension(int id, out ReadOnlySpan<byte> value)
    {
        value = default;
        return RtpPacket.TryParse(Packet.Span, out RtpPacket packet) && packet.TryGetExtension(id, out value);
    }

    /// <summary>Returns the packet, with its buffer, to the pool. Idempotent until the packet is reused.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is null)
        {
            return;
        }

        Rid = null;
        if (Interlocked.Increment(ref s_pooled) <= PoolLimit)
        {
            s_pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }

    /// <summary>
    /// A packet from the pool (or a new one), to receive into: copy the datagram into <see cref="Storage"/>, decrypt and
    /// parse it there, then <see cref="Fill"/> it, or <see cref="Dispose"/> it if it is dropped.
    /// </summary>
    internal static ReceivedRtpPacket Rent()
    {
        ReceivedRtpPacket packet;
        if (s_pool.TryDequeue(out ReceivedRtpPacket? pooled))
        {
            Interlocked.Decrement(ref s_pooled);
            packet = pooled;
        }
        else
        {
            packet = new ReceivedRtpPacket();
        }

        Volatile.Write(ref packet._buffer, packet._storage);
        return packet;
    }

    /// <summary>The packet's own buffer, <see cref="Capacity"/> bytes, to receive into.</summary>
    internal byte[] Storage => _storage;

    /// <summary>Describes the RTP packet that <paramref name="parsed"/> parsed from <see cref="Storage"/>.</summary>
    internal void Fill(in RtpPacket parsed, long receivedAt, string? rid)
    {
        _length = parsed.Raw.Length;
        _payloadOffset = parsed.HeaderLength;
        _payloadLength = parsed.Payload.Length;
        SequenceNumber = parsed.Header.SequenceNumber;
        Timestamp = parsed.Header.Timestamp;
        Ssrc = parsed.Header.Ssrc;
        Rid = rid;
        PayloadType = parsed.Header.PayloadType;
        Marker = parsed.Header.Marker;
        ReceivedAt = receivedAt;
    }
}
