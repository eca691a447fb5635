namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// What a receiver does with a chunk whose type it does not understand, encoded in the type's upper two bits
/// (RFC 9260 §3.2). The enum values are those two bits.
/// </summary>
internal enum SctpUnknownChunkAction : byte
{
    /// <summary>00: stop processing the packet and discard it; process no further chunks.</summary>
    Stop = 0,

    /// <summary>01: as <see cref="Stop"/>, and report the chunk in an ERROR with an "Unrecognized Chunk Type" cause.</summary>
    StopAndReport = 1,

    /// <summary>10: skip this chunk and continue with the next.</summary>
    Skip = 2,

    /// <summary>11: skip this chunk, continue, and report it in an "Unrecognized Chunk Type" cause.</summary>
    SkipAndReport = 3,
}
