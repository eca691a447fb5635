using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Pion;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>Signals two pion peers through a <see cref="LossyUdpRelay"/>: the offerer is its side A, the answerer side B.</summary>
public static class RelayedPionSignalling
{
    /// <summary>
    /// Offer, answer, and each side's candidates rewritten to the relay side the other sends to; returns when both
    /// descriptions are applied, with the task of the candidate forwarding (it ends at both ends of candidates).
    /// </summary>
    public static async Task<Task> NegotiateAsync(PionPeer offerer, PionPeer answerer, LossyUdpRelay relay, CancellationToken cancellationToken)
    {
        Task forwarding = Task.WhenAll(
            ForwardAsync(offerer, answerer, c => relay.RouteCandidateFromA(c), cancellationToken),
            ForwardAsync(answerer, offerer, c => relay.RouteCandidateFromB(c), cancellationToken));
        string offer = await offerer.CreateOfferAsync(cancellationToken);
        await answerer.SetRemoteAsync(PionSdpType.Offer, relay.RouteSdpFromA(offer), cancellationToken);
        string answer = await answerer.CreateAnswerAsync(cancellationToken);
        await offerer.SetRemoteAsync(PionSdpType.Answer, relay.RouteSdpFromB(answer), cancellationToken);
        return forwarding;
    }

    private static async Task ForwardAsync(PionPeer from, PionPeer to, System.Func<string, string?> route, CancellationToken cancellationToken)
    {
        await foreach (PionCandidate candidate in from.Candidates.ReadAllAsync(cancellationToken))
        {
            if (route(candidate.Candidate) is { } routed)
            {
                await to.AddCandidateAsync(candidate with { Candidate = routed }, cancellationToken);
            }
        }
    }
}
