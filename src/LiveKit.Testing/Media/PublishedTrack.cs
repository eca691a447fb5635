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
/// to every subscription and measures audio levels for speaker detection.
/// </summary>
internal sealed class PublishedTrack : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
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
        _ = context;
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

    /// <summary>Asks the publisher for a key frame (a subscriber's PLI/FIR, or a new subscriber of video).</summary>
    public void RequestKeyFrame() => Transceiver.Receiver.RequestKeyFrame();

    /// <summary>Relays a subscriber's NACK, already mapped to the publisher's sequence numbers.</summary>
    public void RequestRetransmission(ReadOnlySpan<ushort> sequenceNumbers) => Transceiver.Receiver.RequestRetransmission(sequenceNumbers);

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

                    foreach (Subscription subscription in Volatile.Read(ref _subscribers))
                    {
                        subscription.Forward(packet, audioLevel);
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
