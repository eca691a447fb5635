using System;
using System.Buffers;
using System.Threading;
using LiveKit.WebRtc.Rtp;

namespace LiveKit.WebRtc;

/// <summary>
/// One received RTP packet, decrypted, in a pooled buffer. The reader owns it: dispose it when done, after which
/// its memory belongs to the pool and must not be touched (copy what you keep). Packets a reader never takes (a
/// closed or overflowing receiver) are disposed by the receiver.
/// </summary>
public sealed class ReceivedRtpPacket : IDisposable
{
    private byte[]? _buffer;
    private int _length;
    private int _payloadOffset;
    private int _payloadLength;

    internal ReceivedRtpPacket()
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

    /// <summary>Returns the buffer to the pool. Idempotent.</summary>
    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Fills a packet from a decrypted RTP datagram that <paramref name="buffer"/> (rented) holds.</summary>
    internal static ReceivedRtpPacket Create(byte[] buffer, in RtpPacket parsed, long receivedAt, string? rid)
    {
        var packet = new ReceivedRtpPacket
        {
            _buffer = buffer,
            _length = parsed.Raw.Length,
            _payloadOffset = parsed.HeaderLength,
            _payloadLength = parsed.Payload.Length,
            SequenceNumber = parsed.Header.SequenceNumber,
            Timestamp = parsed.Header.Timestamp,
            Ssrc = parsed.Header.Ssrc,
            Rid = rid,
            PayloadType = parsed.Header.PayloadType,
            Marker = parsed.Header.Marker,
            ReceivedAt = receivedAt,
        };
        return packet;
    }
}
