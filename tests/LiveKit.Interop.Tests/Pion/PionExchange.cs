using System.Collections.Generic;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>What <see cref="PionSignalling.NegotiateAsync"/> exchanged between two pion peers.</summary>
/// <param name="Offer">The offerer's SDP.</param>
/// <param name="Answer">The answerer's SDP.</param>
/// <param name="OffererCandidates">Completes with the offerer's candidates once all were added at the answerer.</param>
/// <param name="AnswererCandidates">Completes with the answerer's candidates once all were added at the offerer.</param>
public sealed record PionExchange(
    string Offer,
    string Answer,
    Task<IReadOnlyList<PionCandidate>> OffererCandidates,
    Task<IReadOnlyList<PionCandidate>> AnswererCandidates);
