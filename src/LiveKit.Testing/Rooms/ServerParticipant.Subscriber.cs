using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Testing.Media;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Sdp;
using SessionDescription = LiveKit.Proto.SessionDescription;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Rooms;

// The subscribing side: the server's offers on the subscriber PC (one in flight, ids counting up, later requests
// coalesced), the server-created _reliable/_lossy channels, and one sendonly m-line per subscribed track.
internal sealed partial class ServerParticipant
{
    private readonly Dictionary<string, Subscription> _subscriptions = new();
    private DataChannel? _reliable;
    private DataChannel? _lossy;
    private uint _subscriberOfferId;
    private bool _subscriberOfferInFlight;
    private bool _subscriberRenegotiate;

    /// <summary>The tracks this participant receives, by track sid.</summary>
    public IReadOnlyDictionary<string, Subscription> Subscriptions => _subscriptions;

    /// <summary>The connection quality last sent to this participant, by participant sid (updates carry changes only).</summary>
    public Dictionary<string, ConnectionQuality> LastQualitySent { get; } = new();

    /// <summary>Track sids the participant unsubscribed from by hand (auto-subscribe leaves them alone).</summary>
    public HashSet<string> Unsubscribed { get; } = new();

    /// <summary>
    /// The channel the server sends this participant's data on for <paramref name="label"/>: the subscriber PC's own
    /// channels, or, when the publisher PC is primary, the client's channels on it (brief §3.1, data-channel usage).
    /// </summary>
    public DataChannel? DataChannelFor(string label) => SubscriberPrimary
        ? (label == DataLabels.Lossy ? _lossy : _reliable)
        : (label == DataLabels.Lossy ? _clientLossy : _clientReliable);

    /// <summary>
    /// With the subscriber PC primary, creates the server's data channels and sends the first subscriber offer at
    /// once (brief §3.1 step 3); otherwise the subscriber PC waits for a first subscription.
    /// </summary>
    public async Task StartSubscriberAsync()
    {
        if (!SubscriberPrimary)
        {
            return;
        }

        _reliable = Subscriber.CreateDataChannel(DataLabels.Reliable, new DataChannelInit { Ordered = true });
        _lossy = Subscriber.CreateDataChannel(DataLabels.Lossy, new DataChannelInit { Ordered = false, MaxRetransmits = 0 });
        await NegotiateSubscriberAsync().ConfigureAwait(false);
    }

    /// <summary>Sends a new subscriber offer, or remembers to once the one in flight is answered.</summary>
    public async Task NegotiateSubscriberAsync()
    {
        if (IsClosed)
        {
            return;
        }

        if (_subscriberOfferInFlight)
        {
            _subscriberRenegotiate = true;
            return;
        }

        SessionDescriptionInit offer = await Subscriber.CreateOfferAsync().ConfigureAwait(false);
        await Subscriber.SetLocalDescriptionAsync(offer).ConfigureAwait(false);
        _subscriberOfferInFlight = true;
        Send(new SignalResponse { Offer = new SessionDescription { Type = "offer", Sdp = offer.Sdp, Id = ++_subscriberOfferId } });
    }

    /// <summary>The client's answer to our latest offer; answers to older offers are dropped (brief §3.1 step 5).</summary>
    public async Task OnSubscriberAnswerAsync(SessionDescription answer)
    {
        if (!_subscriberOfferInFlight || (answer.Id != 0 && answer.Id != _subscriberOfferId))
        {
            _logger.LogWarning("{Identity}: subscriber answer {Id} does not answer offer {Current}; ignored", Identity, answer.Id, _subscriberOfferId);
            return;
        }

        try
        {
            await Subscriber.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Answer, answer.Sdp)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            _logger.LogWarning("{Identity}: subscriber answer refused: {Message}", Identity, e.Message);
            return;
        }

        _subscriberOfferInFlight = false;
        foreach (Subscription subscription in _subscriptions.Values.Where(s => !s.Negotiated))
        {
            subscription.Negotiated = true;
            Room.OnSubscriptionNegotiated(subscription);
        }

        if (_subscriberRenegotiate)
        {
            _subscriberRenegotiate = false;
            await NegotiateSubscriberAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Adds a sendonly m-line carrying <paramref name="track"/>; the caller renegotiates.</summary>
    public Subscription AddSubscription(PublishedTrack track)
    {
        RtpCodec source = track.Codec;
        // Offer the publisher's codec at its payload type with the feedback we relay; the forwarder rewrites
        // payload types anyway in case the answer differs.
        var codec = source with
        {
            RtcpFeedback = (source.RtcpFeedback ?? Array.Empty<string>()).Where(RelayedFeedback.Contains).ToArray(),
        };
        RtpTransceiver transceiver = Subscriber.AddTransceiver(track.Kind, SdpMediaDirection.SendOnly, new[] { codec });

        // msid "<PA_sid>|<TR_sid> <TR_sid>", or "<PA_sid>|<stream>" for grouped tracks (brief §3.5).
        string streamPart = string.IsNullOrEmpty(track.Info.Stream) ? track.Sid : track.Info.Stream;
        transceiver.Sender.StreamId = track.Publisher.Sid + "|" + streamPart;
        transceiver.Sender.TrackId = track.Sid;
        var subscription = new Subscription(this, track, transceiver);
        _subscriptions[track.Sid] = subscription;
        return subscription;
    }

    /// <summary>Stops the m-line of a subscription (it goes inactive in the next offer); the caller renegotiates.</summary>
    public Subscription? RemoveSubscription(string trackSid)
    {
        if (!_subscriptions.Remove(trackSid, out Subscription? subscription))
        {
            return null;
        }

        subscription.Transceiver.Direction = SdpMediaDirection.Inactive;
        return subscription;
    }

    /// <summary>The feedback a subscriber may send that we relay to the publisher (brief §6 RTCP feedback).</summary>
    private static readonly string[] RelayedFeedback = { "nack", "nack pli", "ccm fir" };
}
