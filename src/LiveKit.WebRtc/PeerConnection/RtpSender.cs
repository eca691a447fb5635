using System;
using System.Threading;
using LiveKit.WebRtc.Rtp;

namespace LiveKit.WebRtc;

/// <summary>
/// The sending half of a transceiver. The owner gives payloads with media timestamps and marker bits; the sender
/// fills in the RTP header (payload type, sequence number, SSRC, the <c>sdes:mid</c> extension when negotiated),
/// protects the packet with SRTP and sends it on the selected ICE pair. RTCP feedback about this stream (PLI,
/// FIR, NACK) arrives through <see cref="FeedbackReceived"/>.
/// </summary>
public sealed class RtpSender
{
    /// <summary>The largest RTP packet we build: fits a 1200-byte path MTU after SRTP's tag (RFC 8827 guidance).</summary>
    public const int MaxPacketSize = 1200 - 16;

    private readonly PeerConnection _connection;
    private readonly Lock _gate = new();
    /// <summary>The longest SRTP trailer: a 16-byte GCM tag (RFC 7714 §14.2); HMAC-SHA1-80 needs 10.</summary>
    private const int MaxSrtpTrailer = 16;

    private readonly byte[] _packet = new byte[MaxPacketSize + MaxSrtpTrailer];
    private readonly uint _timestampOffset;
    private ushort _nextSequence;
    private byte[] _midValue = Array.Empty<byte>();
    private int _midExtensionId;
    private int _audioLevelExtensionId;
    private long _packetsSent;
    private long _bytesSent;
    private uint _lastTimestamp;
    private long _lastSentAt;
    private byte[][]? _history;
    private int[]? _historyLength;
    private int[]? _historySequence;
    private long _packetsRetransmitted;

    internal RtpSender(PeerConnection connection, MediaKind kind, Random random)
    {
        _connection = connection;
        Kind = kind;
        Ssrc = (uint)random.NextInt64(1, uint.MaxValue);

        // RFC 3550 §5.1: initial sequence number and timestamp are random.
        _nextSequence = (ushort)random.Next(0, ushort.MaxValue + 1);
        _timestampOffset = (uint)random.NextInt64(0, uint.MaxValue);
        StreamId = Guid.NewGuid().ToString();
        TrackId = Guid.NewGuid().ToString();
    }

    /// <summary>Audio or video.</summary>
    public MediaKind Kind { get; }

    /// <summary>The SSRC of our stream, announced in <c>a=ssrc</c>.</summary>
    public uint Ssrc { get; }

    /// <summary>The stream id announced in <c>a=msid</c>; set before the offer or answer that first carries it.</summary>
    public string StreamId { get; set; }

    /// <summary>The track id announced in <c>a=msid</c> (LiveKit matches it to AddTrackRequest.cid).</summary>
    public string TrackId { get; set; }

    /// <summary>The negotiated codec (first accepted), or null before negotiation or when the section was rejected.</summary>
    public RtpCodec? Codec { get; private set; }

    /// <summary>Packets sent.</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>RTP bytes sent (before SRTP).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>PLI, FIR and NACK about this stream. Raised on the connection's receive thread: return quickly.</summary>
    public event Action<RtcpFeedbackMessage>? FeedbackReceived;

    /// <summary>Packets sent again by <see cref="Retransmit"/>.</summary>
    public long PacketsRetransmitted => Interlocked.Read(ref _packetsRetransmitted);

    /// <summary>
    /// Keeps the last <paramref name="packets"/> packets sent, so that <see cref="Retransmit"/> can send one again when
    /// a receiver reports it lost with a generic NACK (RFC 4585 §6.2.1). Without an RTX stream (RFC 4588, not
    /// negotiated here) the packet goes again exactly as it was. Call once, before sending; the memory is taken at once
    /// (<paramref name="packets"/> x 1,200 bytes) so sending still allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="packets"/> is not 1 to 32,768.</exception>
    public void EnableRetransmission(int packets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(packets, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(packets, 32_768);
        lock (_gate)
        {
            _history = new byte[packets][];
            for (int i = 0; i < packets; i++)
            {
                _history[i] = new byte[MaxPacketSize];
            }

            _historyLength = new int[packets];
            _historySequence = new int[packets];
            Array.Fill(_historySequence, -1);
        }
    }

    /// <summary>
    /// Sends again the packet with <paramref name="sequenceNumber"/> when the history still holds it (see
    /// <see cref="EnableRetransmission"/>); false otherwise. Thread-safe; allocates nothing.
    /// </summary>
    public bool Retransmit(ushort sequenceNumber)
    {
        lock (_gate)
        {
            if (_history is null || _historySequence![sequenceNumber % _history.Length] != sequenceNumber)
            {
                return false;
            }

            int slot = sequenceNumber % _history.Length;
            int length = _historyLength![slot];
            _history[slot].AsSpan(0, length).CopyTo(_packet);
            if (!_connection.SendRtp(_packet, length))
            {
                return false;
            }

            Interlocked.Increment(ref _packetsRetransmitted);
            return true;
        }
    }

    /// <summary>
    /// Sends one RTP packet. <paramref name="timestamp"/> is in the codec's clock units from any origin (a random
    /// offset is added, RFC 3550 §5.1). <paramref name="audioLevel"/> is the RFC 6464 byte (voice activity flag and
    /// level in -dBov), written when the m-line negotiated ssrc-audio-level. False when the connection is not
    /// connected, nothing is negotiated, the payload is too large, or the network refused the datagram. Thread-safe;
    /// allocates nothing.
    /// </summary>
    public bool SendRtp(ReadOnlySpan<byte> payload, uint timestamp, bool marker, byte? audioLevel = null) =>
        Send(payload, timestamp, marker, null, audioLevel);

    /// <summary>
    /// Forwards one RTP packet with the caller's <paramref name="sequenceNumber"/>: for an SFU, which keeps its
    /// source's numbering (plus a fixed offset) so that a loss upstream shows as a gap downstream and a NACK maps back
    /// one to one. SSRC, payload type and header extension ids are this sender's (what its m-line negotiated). Do not
    /// mix with <see cref="SendRtp"/> on one sender: sequence numbers would repeat. Otherwise as <see cref="SendRtp"/>.
    /// </summary>
    public bool ForwardRtp(ReadOnlySpan<byte> payload, uint timestamp, bool marker, ushort sequenceNumber, byte? audioLevel = null) =>
        Send(payload, timestamp, marker, sequenceNumber, audioLevel);

    private bool Send(ReadOnlySpan<byte> payload, uint timestamp, bool marker, ushort? sequenceNumber, byte? audioLevel)
    {
        RtpCodec? codec = Codec;
        if (codec is null)
        {
            return false;
        }

        lock (_gate)
        {
            var header = new RtpHeader
            {
                Marker = marker,
                PayloadType = (byte)codec.PayloadType,
                SequenceNumber = sequenceNumber ?? _nextSequence,
                Timestamp = unchecked(_timestampOffset + timestamp),
                Ssrc = Ssrc,
            };
            bool withLevel = audioLevel is not null && _audioLevelExtensionId > 0;
            RtpExtensionForm form = _midExtensionId > 0 || withLevel ? RtpExtensionForm.OneByte : RtpExtensionForm.None;
            var writer = new RtpPacketWriter(_packet.AsSpan(0, MaxPacketSize), header, ReadOnlySpan<uint>.Empty, form);
            if (_midExtensionId > 0)
            {
                writer.TryAddExtension(_midExtensionId, _midValue);
            }

            if (withLevel)
            {
                Span<byte> level = stackalloc byte[1];
                level[0] = audioLevel!.Value;
                writer.TryAddExtension(_audioLevelExtensionId, level);
            }

            if (!writer.TryComplete(payload, 0, out int length))
            {
                return false;
            }

            if (_history is not null)
            {
                // Kept before sending: the send protects the packet in place.
                int slot = header.SequenceNumber % _history.Length;
                _packet.AsSpan(0, length).CopyTo(_history[slot]);
                _historyLength![slot] = length;
                _historySequence![slot] = header.SequenceNumber;
            }

            if (!_connection.SendRtp(_packet, length))
            {
                return false;
            }

            _nextSequence = (ushort)(header.SequenceNumber + 1);
            _lastTimestamp = header.Timestamp;
            _lastSentAt = _connection.TimeProvider.GetTimestamp();
            Interlocked.Increment(ref _packetsSent);
            Interlocked.Add(ref _bytesSent, length);
            return true;
        }
    }

    /// <summary>
    /// Applies the negotiated codec and extension ids (RFC 8843 §15: the mid goes in every packet's header; the audio
    /// level when the caller gives one). An id of 0 means not negotiated.
    /// </summary>
    internal void Negotiated(RtpCodec? codec, string? mid, int midExtensionId, int audioLevelExtensionId)
    {
        lock (_gate)
        {
            Codec = codec;
            _audioLevelExtensionId = audioLevelExtensionId;
            _midExtensionId = mid is null ? 0 : midExtensionId;
            _midValue = mid is null ? Array.Empty<byte>() : System.Text.Encoding.ASCII.GetBytes(mid);
        }
    }

    /// <summary>What a sender report needs: counts and the RTP time of now, extrapolated from the last packet.</summary>
    internal bool TryGetReportState(long now, out uint rtpTimestamp, out uint packetCount, out uint octetCount)
    {
        lock (_gate)
        {
            rtpTimestamp = 0;
            packetCount = (uint)_packetsSent;
            octetCount = (uint)_bytesSent;
            if (_packetsSent == 0 || Codec is not RtpCodec codec)
            {
                return false;
            }

            double elapsed = (double)(now - _lastSentAt) / _connection.TimeProvider.TimestampFrequency;
            rtpTimestamp = unchecked(_lastTimestamp + (uint)(elapsed * codec.ClockRate));
            return true;
        }
    }

    /// <summary>Raises <see cref="FeedbackReceived"/>; a throwing subscriber is counted, not propagated.</summary>
    internal void OnFeedback(RtcpFeedbackMessage message)
    {
        try
        {
            FeedbackReceived?.Invoke(message);
        }
        catch (Exception)
        {
            _connection.CountHandlerFailure();
        }
    }
}
