using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>The signalling a test does between two Chromium peers: offer/answer and trickled candidates.</summary>
public static class ChromiumSignaling
{
    /// <summary>
    /// Offer from <paramref name="offerer"/> (its SDP through <paramref name="rewriteOffer"/> if given), answer from
    /// <paramref name="answerer"/>, and each side's candidates trickled to the other once the other has the remote
    /// description. Returns when both sides have sent their end-of-candidates; awaiting the connection is the
    /// caller's (<see cref="ChromiumPeer.WaitForConnectionStateAsync"/>).
    /// </summary>
    public static async Task NegotiateAsync(
        ChromiumPeer offerer, ChromiumPeer answerer, System.Func<string, string>? rewriteOffer = null, CancellationToken cancellationToken = default)
    {
        SessionDescriptionInit offer = await offerer.CreateOfferAsync(rewriteOffer, cancellationToken).ConfigureAwait(false);
        await answerer.SetRemoteDescriptionAsync(offer, cancellationToken).ConfigureAwait(false);
        Task toAnswerer = ForwardCandidatesAsync(offerer, answerer, cancellationToken);

        SessionDescriptionInit answer = await answerer.CreateAnswerAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await offerer.SetRemoteDescriptionAsync(answer, cancellationToken).ConfigureAwait(false);
        Task toOfferer = ForwardCandidatesAsync(answerer, offerer, cancellationToken);

        await Task.WhenAll(toAnswerer, toOfferer).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads <paramref name="from"/>'s local candidates (end-of-candidates included) and adds each to
    /// <paramref name="to"/>, which must already have <paramref name="from"/>'s description; ends with them.
    /// </summary>
    public static async Task ForwardCandidatesAsync(ChromiumPeer from, ChromiumPeer to, CancellationToken cancellationToken = default)
    {
        await foreach (IceCandidateInit candidate in from.LocalCandidates.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await to.AddIceCandidateAsync(candidate, cancellationToken).ConfigureAwait(false);
        }
    }
}
