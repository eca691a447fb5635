using System;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.WebRtc;

namespace LiveKit.Rtc.Engine;

// The subscriber PeerConnection: the server offers, this client answers each offer in turn, echoing its id
// (brief §3.1 step 3). Offers are answered one at a time, in arrival order, off the room loop.
internal sealed partial class RtcEngine
{
    private readonly Channel<Proto.SessionDescription> _subscriberOffers;
    private readonly Task _subscriberTask;

    /// <summary>Queues a server offer for the subscriber PeerConnection.</summary>
    public void OnSubscriberOffer(Proto.SessionDescription offer) => _subscriberOffers.Writer.TryWrite(offer);

    private async Task AnswerSubscriberOffersAsync()
    {
        await foreach (Proto.SessionDescription offer in _subscriberOffers.Reader.ReadAllAsync(_closing.Token).ConfigureAwait(false))
        {
            try
            {
                await Subscriber.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, offer.Sdp), _closing.Token).ConfigureAwait(false);
                SessionDescriptionInit answer = await Subscriber.CreateAnswerAsync(_closing.Token).ConfigureAwait(false);
                await Subscriber.SetLocalDescriptionAsync(answer, _closing.Token).ConfigureAwait(false);
                await SendQuietlyAsync(new Proto.SignalRequest
                {
                    Answer = new Proto.SessionDescription { Type = answer.TypeName, Sdp = answer.Sdp, Id = offer.Id },
                }).ConfigureAwait(false);
                _listener.OnSubscriberNegotiated();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // An offer we cannot apply (bad SDP, wrong state) is the server's bug; say so and keep the connection.
                RoomLog.SubscriberOfferFailed(_logger, exception, offer.Id);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }
}
