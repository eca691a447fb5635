using System;
using System.Buffers;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// One user message on its way out: its bytes (copied once into a pooled buffer), its partial-reliability limits
/// (RFC 3758) and how far it has been cut into DATA chunks. Its chunks in the retransmission queue point at it.
/// </summary>
internal sealed class SctpOutboundMessage
{
    private byte[]? _buffer;

    /// <summary>Copies <paramref name="payload"/> into a pooled buffer.</summary>
    public SctpOutboundMessage(ushort streamId, uint payloadProtocolId, ReadOnlySpan<byte> payload, bool unordered, int? maxRetransmits, long expiresAt)
    {
        StreamId = streamId;
        PayloadProtocolId = payloadProtocolId;
        Unordered = unordered;
        MaxRetransmits = maxRetransmits;
        ExpiresAt = expiresAt;
        Length = payload.Length;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        payload.CopyTo(_buffer);
    }

    /// <summary>The stream.</summary>
    public ushort StreamId { get; }

    /// <summary>The payload protocol identifier of every chunk.</summary>
    public uint PayloadProtocolId { get; }

    /// <summary>Sent with the U bit: no stream sequence number, delivered on arrival.</summary>
    public bool Unordered { get; }

    /// <summary>Retransmissions allowed before the message is abandoned, or null for no limit.</summary>
    public int? MaxRetransmits { get; }

    /// <summary>The last instant (ticks of the association's clock) the message may be sent, or <see cref="long.MaxValue"/>.</summary>
    public long ExpiresAt { get; }

    /// <summary>The message length in bytes.</summary>
    public int Length { get; }

    /// <summary>The stream sequence number, set when the first chunk is cut (an expired, unsent message uses none).</summary>
    public ushort Ssn { get; set; }

    /// <summary>Bytes already cut into chunks.</summary>
    public int FragmentedBytes { get; set; }

    /// <summary>The TSN of the first chunk; meaningful once <see cref="ChunkCount"/> is above zero.</summary>
    public uint FirstTsn { get; set; }

    /// <summary>Chunks cut so far; their TSNs are consecutive from <see cref="FirstTsn"/> (RFC 9260 §6.9).</summary>
    public int ChunkCount { get; set; }

    /// <summary>Chunks still in the retransmission queue.</summary>
    public int LiveChunks { get; set; }

    /// <summary>Bytes acknowledged or given up, no longer counted in the stream's buffered amount.</summary>
    public int ReleasedBytes { get; set; }

    /// <summary>True once the message was given up (RFC 3758 §3.5).</summary>
    public bool Abandoned { get; set; }

    /// <summary>True when every byte has been cut into a chunk.</summary>
    public bool FullyFragmented => FragmentedBytes == Length;

    /// <summary>The message bytes; only valid before <see cref="ReturnBuffer"/>.</summary>
    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(0, Length);

    /// <summary>True when the partial-reliability limits give up on a chunk sent <paramref name="transmissions"/> times, at <paramref name="now"/>.</summary>
    public bool ShouldAbandon(int transmissions, long now) =>
        now > ExpiresAt || (MaxRetransmits is int limit && transmissions > limit);

    /// <summary>Gives the buffer back to the pool once no chunk can be sent again.</summary>
    public void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
