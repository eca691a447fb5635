namespace LiveKit.WebRtc.Sctp;

/// <summary>What <see cref="SctpReceivedTsnTracker.Observe"/> made of an arriving TSN.</summary>
internal enum SctpTsnArrival
{
    /// <summary>Not seen before: recorded, and the chunk is to be processed.</summary>
    New,

    /// <summary>Already received (at or below the cumulative TSN, or in a gap block): recorded as a duplicate.</summary>
    Duplicate,

    /// <summary>Too far above the cumulative TSN to be reported in a SACK, or too scattered to track: dropped.</summary>
    OutOfWindow,
}
