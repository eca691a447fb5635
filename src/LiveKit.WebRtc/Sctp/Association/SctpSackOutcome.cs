using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>What processing one SACK did to the retransmission queue (RFC 9260 §6.2.1, §7.2.4).</summary>
internal struct SctpSackOutcome
{
    /// <summary>False for a SACK that was ignored: older than what we have, or acknowledging TSNs never sent.</summary>
    public bool Accepted;

    /// <summary>True when the cumulative TSN ack moved.</summary>
    public bool CumulativeAdvanced;

    /// <summary>Bytes (chunk sizes) acknowledged for the first time, by the cumulative ack or gap blocks.</summary>
    public int BytesAcked;

    /// <summary>The flight size before the SACK.</summary>
    public int FlightBefore;

    /// <summary>Chunks that got their third miss indication: to be fast retransmitted.</summary>
    public int NewlyMarkedForFastRetransmit;

    /// <summary>An RTT measurement from a chunk sent once (Karn's rule, §6.3.1 C5), or null.</summary>
    public TimeSpan? RttMeasurement;
}
