namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// What a receiver does with a parameter (in INIT, INIT ACK and the like) whose type it does not understand, encoded in
/// the type's upper two bits (RFC 9260 §3.2.1). The enum values are those two bits.
/// </summary>
internal enum SctpUnrecognizedParameterAction : byte
{
    /// <summary>00: stop processing this parameter and process no further parameters in the chunk.</summary>
    Stop = 0,

    /// <summary>01: as <see cref="Stop"/>, and report the parameter in an "Unrecognized Parameter".</summary>
    StopAndReport = 1,

    /// <summary>10: skip this parameter and continue with the next.</summary>
    Skip = 2,

    /// <summary>11: skip this parameter, continue, and report it in an "Unrecognized Parameter".</summary>
    SkipAndReport = 3,
}
