using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.WebRtc;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>Offer/answer and trickled candidates between our <see cref="PeerConnection"/> and a Chromium page.</summary>
internal static class ManagedChromiumLink
{
    /// <summary>Negotiates (<paramref name="weOffer"/>: Chromium answers active, we are the DTLS server) and returns the trickling.</summary>
    public static async Task<Task> NegotiateAsync(PeerConnection ours, ChromiumPeer chromium, bool weOffer, CancellationToken cancellationToken)
    {
        var signaling = new ManagedToChromiumSignaling(ours, chromium, cancellationToken);
        if (weOffer)
        {
            SessionDescriptionInit offer = await ours.CreateOfferAsync(cancellationToken);
            await ours.SetLocalDescriptionAsync(offer, cancellationToken);
            await chromium.SetRemoteDescriptionAsync(offer, cancellationToken);
            signaling.ChromiumHasRemoteDescription();
            SessionDescriptionInit answer = await chromium.CreateAnswerAsync(cancellationToken: cancellationToken);
            await ours.SetRemoteDescriptionAsync(answer, cancellationToken);
        }
        else
        {
            SessionDescriptionInit offer = await chromium.CreateOfferAsync(cancellationToken: cancellationToken);
            await ours.SetRemoteDescriptionAsync(offer, cancellationToken);
            SessionDescriptionInit answer = await ours.CreateAnswerAsync(cancellationToken);
            await ours.SetLocalDescriptionAsync(answer, cancellationToken);
            await chromium.SetRemoteDescriptionAsync(answer, cancellationToken);
            signaling.ChromiumHasRemoteDescription();
        }

        return signaling.Completion;
    }
}
