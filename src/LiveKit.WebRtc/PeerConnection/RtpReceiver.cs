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
    private readonly List<RtpReceiveSource> _sources = new();
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

    /// <summary>
    /// The SSRC of the remote stream, once signalled or seen; null before. With simulcast it is the first SSRC seen
    /// (whichever layer came first) and stays so: <see cref="TryGetLayerSsrc"/> gives each layer's.
    /// </summary>
    public uint? Ssrc { get; private set; }

    /// <summary>
    /// The simulcast layers this receiver accepts (the negotiated <c>a=rid:&lt;id&gt; recv</c>, in SDP order, RFC 8853),
    /// with <see cref="PeerConnectionOptions.ReceiveSimulcast"/>; empty without simulcast.
    /// </summary>
    public IReadOnlyList<string> Rids { get; internal set; } = Array.Empty<string>();

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

    /// <summary>
    /// The SSRC that carries simulcast layer <paramref name="rid"/> (one of <see cref="Rids"/>), learned from the
    /// <c>sdes:rtp-stream-id</c> extension of its first packet (RFC 8852). False until that packet arrived.
    /// </summary>
    public bool TryGetLayerSsrc(string rid, out uint ssrc)
    {
        ArgumentNullException.ThrowIfNull(rid);
        lock (_gate)
        {
            // The latest binding wins: a layer whose sender changed its SSRC is found under the new one.
            for (int i = _sources.Count - 1; i >= 0; i--)
            {
                if (string.Equals(_sources[i].Rid, rid, StringComparison.Ordinal))
                {
                    ssrc = _sources[i].Ssrc;
                    return true;
                }
            }
        }

        ssrc = 0;
        return false;
    }

    /// <summary>Asks the sender for a key frame with a PLI (RFC 4585 §6.3.1). False when nothing can be sent yet.</summary>
    public bool RequestKeyFrame() => Ssrc is uint ssrc && _connection.SendPictureLossIndication(ssrc);

    /// <summary>
    /// Asks for a key frame on one SSRC of this receiver, e.g. one simulcast layer (<see cref="TryGetLayerSsrc"/>), with
    /// a PLI (RFC 4585 §6.3.1). False when the SSRC is not one this receiver gets or when the report could not be sent.
    /// </summary>
    public bool RequestKeyFrame(uint ssrc) => HasSource(ssrc) && _connection.SendPictureLossIndication(ssrc);

    /// <summary>
    /// Asks the sender to retransmit <paramref name="lostSequenceNumbers"/> (generic NACK, RFC 4585 §6.2.1), given in
    /// wrap-aware ascending order. False before the stream's SSRC is known or when the report could not be sent.
    /// </summary>
    public bool RequestRetransmission(ReadOnlySpan<ushort> lostSequenceNumbers) =>
        Ssrc is uint ssrc && _connection.SendNack(ssrc, lostSequenceNumbers);

    /// <summary>
    /// Asks for retransmission of <paramref name="lostSequenceNumbers"/> (wrap-aware ascending) of one SSRC of this
    /// receiver, e.g. one simulcast layer (generic NACK, RFC 4585 §6.2.1). False when the SSRC is not one this receiver
    /// gets or when the report could not be sent.
    /// </summary>
    public bool RequestRetransmission(uint ssrc, ReadOnlySpan<ushort> lostSequenceNumbers) =>
        HasSource(ssrc) && _connection.SendNack(ssrc, lostSequenceNumbers);

    /// <summary>Adds a source; the connection calls it under its own lock, which orders binds.</summary>
    internal RtpReceiveSource Bind(uint ssrc, string? rid)
    {
        var source = new RtpReceiveSource(this, ssrc, rid);
        lock (_gate)
        {
            _sources.Add(source);
            Ssrc ??= ssrc;
        }

        return source;
    }

    /// <summary>Removes a source whose SSRC now belongs elsewhere (another receiver, or its layer moved to a new SSRC).</summary>
    internal void Unbind(RtpReceiveSource source)
    {
        lock (_gate)
        {
            _sources.Remove(source);
        }
    }

    /// <summary>The source bound to layer <paramref name="rid"/>, or null. Called under the connection's lock.</summary>
    internal RtpReceiveSource? SourceOfRid(string rid)
    {
        lock (_gate)
        {
            foreach (RtpReceiveSource source in _sources)
            {
                if (string.Equals(source.Rid, rid, StringComparison.Ordinal))
                {
                    return source;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Writes a report block per source that has received packets into <paramref name="blocks"/>, as many as fit, each
    /// closing its own interval (RFC 3550 §6.4.1, Appendix A.3). Returns the number written.
    /// </summary>
    internal int WriteReportBlocks(Span<Rtcp.ReportBlock> blocks, long now, long timestampFrequency)
    {
        int count = 0;
        lock (_gate)
        {
            foreach (RtpReceiveSource source in _sources)
            {
                if (count == blocks.Length)
                {
                    break;
                }

                if (source.Statistics is RtpReceiveStatistics statistics)
                {
                    blocks[count++] = statistics.CreateReportBlock(source.Ssrc, now, timestampFrequency);
                }
            }
        }

        return count;
    }

    /// <summary>Counts and queues one packet of <paramref name="source"/>; called on the connection's receive path only.</summary>
    internal void Deliver(RtpReceiveSource source, ReceivedRtpPacket packet, long timestampFrequency)
    {
        lock (_gate)
        {
            if (source.Statistics is null)
            {
                int clockRate = Codecs.Count > 0 ? Codecs[0].ClockRate : Kind == MediaKind.Audio ? 48000 : 90000;
                source.Statistics = new RtpReceiveStatistics(clockRate);
            }

            source.Statistics.OnPacket(packet.SequenceNumber, packet.Timestamp, packet.ReceivedAt, timestampFrequency);
        }

        Interlocked.Increment(ref _packetsReceived);
        Interlocked.Add(ref _bytesReceived, packet.Packet.Length);
        if (!_packets.Writer.TryWrite(packet))
        {
            packet.Dispose(); // Completed: the connection closed.
        }
    }

    /// <summary>Notes a sender report about one of this receiver's sources, for its LSR/DLSR.</summary>
    internal void OnSenderReport(RtpReceiveSource source, ulong ntpTimestamp, long arrival)
    {
        lock (_gate)
        {
            source.Statistics?.OnSenderReport(ntpTimestamp, arrival);
        }
    }

    private bool HasSource(uint ssrc)
    {
        lock (_gate)
        {
            foreach (RtpReceiveSource source in _sources)
            {
                if (source.Ssrc == ssrc)
                {
                    return true;
                }
            }

            return false;
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
