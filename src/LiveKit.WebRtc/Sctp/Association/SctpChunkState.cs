namespace LiveKit.WebRtc.Sctp;

/// <summary>Where a sent DATA chunk stands, in the retransmission queue.</summary>
internal enum SctpChunkState : byte
{
    /// <summary>Sent and not acknowledged; counts in the flight size.</summary>
    InFlight,

    /// <summary>Deemed lost (three miss indications, T3-rtx expiry, or reneged): to be retransmitted.</summary>
    ToRetransmit,

    /// <summary>Acknowledged by a gap block; waits for the cumulative ack to be freed.</summary>
    Acked,

    /// <summary>Given up (RFC 3758 §3.5): never sent again, skipped by a FORWARD TSN.</summary>
    Abandoned,
}
