namespace LiveKit.WebRtc.Sctp;

/// <summary>An inclusive range of TSNs, such as a SACK gap block made absolute.</summary>
/// <param name="First">The first TSN in the range.</param>
/// <param name="Last">The last TSN in the range.</param>
internal readonly record struct SctpTsnRange(uint First, uint Last);
