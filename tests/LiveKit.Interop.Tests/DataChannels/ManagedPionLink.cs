using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Pion;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// Offer/answer and trickled candidates between our <see cref="PeerConnection"/> and a pion peer, directly or through a
/// <see cref="LossyUdpRelay"/> (ours is its side A, pion side B: each is given the relay's address for the other).
/// </summary>
internal static class ManagedPionLink
{
    /// <summary>
    /// Negotiates (<paramref name="weOffer"/>: we offer, so pion answers active and we are the DTLS server) and
    /// trickles candidates until both ends of candidates; returns the task of the trickling.
    /// </summary>
    public static async Task<Task> NegotiateAsync(
        PeerConnection ours, PionPeer pion, bool weOffer, LossyUdpRelay? relay, CancellationToken cancellationToken)
    {
        Task trickling = TrickleAsync(ours, pion, relay, cancellationToken);
        if (weOffer)
        {
            SessionDescriptionInit offer = await ours.CreateOfferAsync(cancellationToken);
            await ours.SetLocalDescriptionAsync(offer, cancellationToken);
            await pion.SetRemoteAsync(PionSdpType.Offer, relay?.RouteSdpFromA(offer.Sdp) ?? offer.Sdp, cancellationToken);
            string answer = await pion.CreateAnswerAsync(cancellationToken);
            await ours.SetRemoteDescriptionAsync(
                new SessionDescriptionInit(SdpType.Answer, relay?.RouteSdpFromB(answer) ?? answer), cancellationToken);
        }
        else
        {
            string offer = await pion.CreateOfferAsync(cancellationToken);
            await ours.SetRemoteDescriptionAsync(
                new SessionDescriptionInit(SdpType.Offer, relay?.RouteSdpFromB(offer) ?? offer), cancellationToken);
            SessionDescriptionInit answer = await ours.CreateAnswerAsync(cancellationToken);
            await ours.SetLocalDescriptionAsync(answer, cancellationToken);
            await pion.SetRemoteAsync(PionSdpType.Answer, relay?.RouteSdpFromA(answer.Sdp) ?? answer.Sdp, cancellationToken);
        }

        return trickling;
    }

    /// <summary>Our candidates to pion (it holds them until it has a remote description) and pion's to us, routed.</summary>
    private static Task TrickleAsync(PeerConnection ours, PionPeer pion, LossyUdpRelay? relay, CancellationToken cancellationToken)
    {
        var gathered = Channel.CreateUnbounded<IceCandidateInit>();
        ours.IceCandidateGathered += c => gathered.Writer.TryWrite(c);

        async Task ToPionAsync()
        {
            await foreach (IceCandidateInit candidate in gathered.Reader.ReadAllAsync(cancellationToken))
            {
                if (candidate.IsEndOfCandidates)
                {
                    return;
                }

                string? routed = relay is null ? candidate.Candidate : relay.RouteCandidateFromA(candidate.Candidate);
                if (routed is not null)
                {
                    await pion.AddCandidateAsync(new PionCandidate(routed, candidate.SdpMid, candidate.SdpMLineIndex), cancellationToken);
                }
            }
        }

        async Task FromPionAsync()
        {
            await foreach (PionCandidate candidate in pion.Candidates.ReadAllAsync(cancellationToken))
            {
                string? routed = relay is null ? candidate.Candidate : relay.RouteCandidateFromB(candidate.Candidate);
                if (routed is not null)
                {
                    ours.AddIceCandidate(new IceCandidateInit(routed, candidate.SdpMid, candidate.SdpMLineIndex, null));
                }
            }
        }

        return Task.WhenAll(ToPionAsync(), FromPionAsync());
    }
}
