using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;

namespace LiveKit.WebRtc;

/// <summary>
/// The receiving half of a transceiver: decrypted RTP packets of the remote track, in arrival order, as an async
/// stream. The queue is bounded; when the reader falls behind, the oldest packet is dropped and counted, so a
/// slow reader never holds up the network or other tracks.
/// </summary>
public sealed class RtpReceiver
{
    private readonly PeerConnection _connection;
    private readonly Channel<ReceivedRtpPacket> _packets;
    private readonly Lock _gate = new();
    private RtpReceiveStatistics? _statistics;
    private long _packetsReceived;
    private long _bytesReceived;
    private long _packetsDropped;

    internal RtpReceiver(PeerConnection connection, MediaKind kind, int capacity)
    {
        _connection = connection;
        Kind = kind;
        _packets = Channel.CreateBounded<ReceivedRtpPacket>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = true },
            OnDropped);
    }

    /// <summary>Audio or video.</summary>
    public MediaKind Kind { get; }

    /// <summary>The remote track id from <c>a=msid</c>, or null when the remote side sent none.</summary>
    public string? TrackId { get; internal set; }

    /// <summary>The remote stream ids from <c>a=msid</c> (LiveKit puts <c>PA_sid|TR_sid</c> here).</summary>
    public IReadOnlyList<string> StreamIds { get; internal set; } = Array.Empty<string>();

    /// <summary>The codecs the session negotiated for this receiver, by payload type.</summary>
    public IReadOnlyList<RtpCodec> Codecs { get; internal set; } = Array.Empty<RtpCodec>();

    /// <summary>The SSRC of the remote stream, once signalled or seen; null before.</summary>
    public uint? Ssrc { get; internal set; }

    /// <summary>Packets delivered to the queue.</summary>
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <summary>RTP bytes delivered to the queue.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Packets dropped because the queue was full.</summary>
    public long PacketsDropped => Interlocked.Read(ref _packetsDropped);

    /// <summary>The packets; complete when the connection closes. Each packet must be disposed by its reader.</summary>
    public ChannelReader<ReceivedRtpPacket> Packets => _packets.Reader;

    /// <summary>Reads packets until the connection closes or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<ReceivedRtpPacket> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _packets.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Asks the sender for a key frame with a PLI (RFC 4585 §6.3.1). False when nothing can be sent yet.</summary>
    public bool RequestKeyFrame() => Ssrc is uint ssrc && _connection.SendPictureLossIndication(ssrc);

    /// <summary>
    /// Asks the sender to retransmit <paramref name="lostSequenceNumbers"/> (generic NACK, RFC 4585 §6.2.1), given in
    /// wrap-aware ascending order. False before the stream's SSRC is known or when the report could not be sent.
    /// </summary>
    public bool RequestRetransmission(ReadOnlySpan<ushort> lostSequenceNumbers) =>
        Ssrc is uint ssrc && _connection.SendNack(ssrc, lostSequenceNumbers);

    internal RtpReceiveStatistics? Statistics
    {
        get
        {
            lock (_gate)
            {
                return _statistics;
            }
        }
    }

    /// <summary>Counts and queues one packet; called on the connection's receive path only.</summary>
    internal void Deliver(ReceivedRtpPacket packet, long timestampFrequency)
    {
        lock (_gate)
        {
            if (_statistics is null)
            {
                int clockRate = Codecs.Count > 0 ? Codecs[0].ClockRate : Kind == MediaKind.Audio ? 48000 : 90000;
                _statistics = new RtpReceiveStatistics(clockRate);
            }

            _statistics.OnPacket(packet.SequenceNumber, packet.Timestamp, packet.ReceivedAt, timestampFrequency);
        }

        Interlocked.Increment(ref _packetsReceived);
        Interlocked.Add(ref _bytesReceived, packet.Packet.Length);
        if (!_packets.Writer.TryWrite(packet))
        {
            packet.Dispose(); // Completed: the connection closed.
        }
    }

    /// <summary>Notes a sender report about this receiver's source, for LSR/DLSR.</summary>
    internal void OnSenderReport(ulong ntpTimestamp, long arrival)
    {
        lock (_gate)
        {
            _statistics?.OnSenderReport(ntpTimestamp, arrival);
        }
    }

    /// <summary>Ends the stream and frees what no reader took.</summary>
    internal void Complete()
    {
        _packets.Writer.TryComplete();
        while (_packets.Reader.TryRead(out ReceivedRtpPacket? packet))
        {
            packet.Dispose();
        }
    }

    private void OnDropped(ReceivedRtpPacket packet)
    {
        Interlocked.Increment(ref _packetsDropped);
        _connection.CountDrop(PacketDropReason.ReceiveQueueFull);
        packet.Dispose();
    }
}
