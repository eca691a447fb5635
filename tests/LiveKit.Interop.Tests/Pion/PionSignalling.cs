using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>Signals two pion peers through C#: offer, answer, and each side's trickled candidates to the other.</summary>
public static class PionSignalling
{
    /// <summary>
    /// Runs offer/answer from <paramref name="offerer"/> to <paramref name="answerer"/> and forwards the
    /// candidates of each to the other as they come (a peer keeps candidates that arrive before its remote
    /// description). Returns when both descriptions are applied; the candidate tasks of the result complete at
    /// each side's end of candidates. Takes over both peers' <see cref="PionPeer.Candidates"/>.
    /// </summary>
    public static async Task<PionExchange> NegotiateAsync(
        PionPeer offerer, PionPeer answerer, CancellationToken cancellationToken = default)
    {
        Task<IReadOnlyList<PionCandidate>> toAnswerer = ForwardAsync(offerer, answerer, cancellationToken);
        Task<IReadOnlyList<PionCandidate>> toOfferer = ForwardAsync(answerer, offerer, cancellationToken);
        string offer = await offerer.CreateOfferAsync(cancellationToken);
        await answerer.SetRemoteAsync(PionSdpType.Offer, offer, cancellationToken);
        string answer = await answerer.CreateAnswerAsync(cancellationToken);
        await offerer.SetRemoteAsync(PionSdpType.Answer, answer, cancellationToken);
        return new PionExchange(offer, answer, toAnswerer, toOfferer);
    }

    /// <summary>Adds each of <paramref name="from"/>'s candidates at <paramref name="to"/>, until its end of candidates.</summary>
    public static async Task<IReadOnlyList<PionCandidate>> ForwardAsync(
        PionPeer from, PionPeer to, CancellationToken cancellationToken = default)
    {
        var forwarded = new List<PionCandidate>();
        await foreach (PionCandidate candidate in from.Candidates.ReadAllAsync(cancellationToken))
        {
            forwarded.Add(candidate);
            await to.AddCandidateAsync(candidate, cancellationToken);
        }
        return forwarded;
    }
}
