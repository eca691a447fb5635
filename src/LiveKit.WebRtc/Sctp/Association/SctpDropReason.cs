namespace LiveKit.WebRtc.Sctp;

/// <summary>Why a received packet or chunk was dropped.</summary>
internal enum SctpDropReason
{
    /// <summary>Too short for the common header, or its chunks do not parse.</summary>
    Malformed,

    /// <summary>The CRC32c does not match (RFC 9260 §6.8).</summary>
    BadChecksum,

    /// <summary>The ports are not this association's.</summary>
    WrongPorts,

    /// <summary>The verification tag is not the expected one (RFC 9260 §8.5).</summary>
    BadVerificationTag,

    /// <summary>A State Cookie that is not ours or was altered.</summary>
    ForgedCookie,

    /// <summary>A State Cookie past its lifetime (RFC 9260 §5.1.5).</summary>
    StaleCookie,

    /// <summary>A COOKIE ECHO that §5.2.4 says to discard (a late or replayed handshake).</summary>
    UnexpectedCookie,

    /// <summary>A chunk that is not valid in the current state, such as DATA before the association is up.</summary>
    UnexpectedChunk,

    /// <summary>DATA beyond the receive window or too far ahead of the cumulative TSN (RFC 9260 §6.2).</summary>
    OutOfWindow,

    /// <summary>A chunk type we do not know, which its upper bits say to skip or to stop at (RFC 9260 §3.2).</summary>
    UnknownChunk,

    /// <summary>The association has ended.</summary>
    AfterClose,
}
