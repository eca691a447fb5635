using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Testing.Rooms;
using LiveKit.WebRtc;

namespace LiveKit.Testing.Media;

/// <summary>
/// A track a participant publishes: its <see cref="TrackInfo"/> (shared with the participant's info, so updates
/// carry it), the m-line that carries it on the publisher PC, and the forwarding loop that copies each RTP packet
/// to every subscription (of a simulcast track, one layer: <see cref="SimulcastSelector"/>) and measures audio
/// levels for speaker detection.
/// </summary>
internal sealed class PublishedTrack : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SimulcastSelector? _layers;
    private Subscription[] _subscribers = Array.Empty<Subscription>();
    private Task _forwarding = Task.CompletedTask;

    public PublishedTrack(ServerParticipant publisher, TrackInfo info, string cid, RtpTransceiver transceiver, ServerContext context)
    {
        Publisher = publisher;
        Info = info;
        Cid = cid;
        Transceiver = transceiver;
        Codec = transceiver.Receiver.Codecs[0];
        AudioLevels = new AudioLevelMeter();
        if (transceiver.Receiver.Rids.Count > 0)
        {
            _layers = new SimulcastSelector(transceiver.Receiver.Rids, context.Time, ssrc => transceiver.Receiver.RequestKeyFrame(ssrc));
        }
    }

    public ServerParticipant Publisher { get; }

    public TrackInfo Info { get; }

    public string Sid => Info.Sid;

    public string Cid { get; }

    public MediaKind Kind => Transceiver.Kind;

    public RtpTransceiver Transceiver { get; }

    /// <summary>The codec the publisher's m-line negotiated (subscribers are offered the same).</summary>
    public RtpCodec Codec { get; }

    /// <summary>Levels from the publisher's ssrc-audio-level extension (RFC 6464), for speaker detection.</summary>
    public AudioLevelMeter AudioLevels { get; }

    /// <summary>True once a subscriber's negotiation completed for this track (track_subscribed was sent).</summary>
    public bool AnnouncedSubscribed { get; set; }

    public void Start() => _forwarding = Task.Run(ForwardAsync);

    /// <summary>Adds a subscription to the forwarding set (copy on write: the loop reads a snapshot).</summary>
    public void Attach(Subscription subscription)
    {
        Subscription[] current, next;
        do
        {
            current = Volatile.Read(ref _subscribers);
            next = [.. current, subscription];
        }
        while (Interlocked.CompareExchange(ref _subscribers, next, current) != current);
    }

    public void Detach(Subscription subscription)
    {
        Subscription[] current, next;
        do
        {
            current = Volatile.Read(ref _subscribers);
            next = Array.FindAll(current, s => s != subscription);
        }
        while (Interlocked.CompareExchange(ref _subscribers, next, current) != current);
    }

    /// <summary>Asks the publisher for a key frame of what subscribers get (a subscriber's PLI/FIR, or a new subscriber).</summary>
    public void RequestKeyFrame()
    {
        if (_layers is null)
        {
            Transceiver.Receiver.RequestKeyFrame();
        }
        else if (_layers.CurrentSsrc is uint ssrc)
        {
            Transceiver.Receiver.RequestKeyFrame(ssrc);
        }
    }

    /// <summary>Relays a subscriber's NACK, given in the track's forwarded numbering (the subscription's offset removed).</summary>
    public void RequestRetransmission(Span<ushort> sequenceNumbers)
    {
        if (_layers is null)
        {
            Transceiver.Receiver.RequestRetransmission(sequenceNumbers);
            return;
        }

        if (_layers.CurrentSsrc is uint ssrc)
        {
            for (int i = 0; i < sequenceNumbers.Length; i++)
            {
                sequenceNumbers[i] = _layers.ToLayerSequence(sequenceNumbers[i]);
            }

            Transceiver.Receiver.RequestRetransmission(ssrc, sequenceNumbers);
        }
    }

    private async Task ForwardAsync()
    {
        int levelExtension = Transceiver.AudioLevelExtensionId ?? 0;
        try
        {
            await foreach (ReceivedRtpPacket packet in Transceiver.Receiver.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                using (packet)
                {
                    byte? audioLevel = null;
                    if (levelExtension > 0 && packet.TryGetExtension(levelExtension, out ReadOnlySpan<byte> level) && level.Length >= 1)
                    {
                        audioLevel = level[0];
                        AudioLevels.Observe(level[0]);
                    }

                    ushort sequence = packet.SequenceNumber;
                    uint timestamp = packet.Timestamp;
                    if (_layers is not null && !_layers.TrySelect(
                        new RtpPacketInfo(packet.Rid, packet.Ssrc, packet.SequenceNumber, packet.Timestamp, packet.ReceivedAt, Vp8KeyFrame.IsStart(packet.Payload.Span)),
                        out sequence,
                        out timestamp))
                    {
                        continue; // another simulcast layer than the one forwarded
                    }

                    foreach (Subscription subscription in Volatile.Read(ref _subscribers))
                    {
                        subscription.Forward(packet, sequence, timestamp, audioLevel);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _forwarding.ConfigureAwait(false);
        _stop.Dispose();
    }
}
