namespace LiveKit.WebRtc.Sctp;

/// <summary>Error cause codes carried in ABORT and ERROR chunks (RFC 9260 §3.3.10).</summary>
internal enum SctpErrorCauseCode : ushort
{
    /// <summary>Invalid Stream Identifier (RFC 9260 §3.3.10.1).</summary>
    InvalidStreamIdentifier = 1,

    /// <summary>Missing Mandatory Parameter (RFC 9260 §3.3.10.2).</summary>
    MissingMandatoryParameter = 2,

    /// <summary>Stale Cookie Error (RFC 9260 §3.3.10.3).</summary>
    StaleCookie = 3,

    /// <summary>Out of Resource (RFC 9260 §3.3.10.4).</summary>
    OutOfResource = 4,

    /// <summary>Unresolvable Address (RFC 9260 §3.3.10.5).</summary>
    UnresolvableAddress = 5,

    /// <summary>Unrecognized Chunk Type; the info is the whole unrecognized chunk (RFC 9260 §3.3.10.6).</summary>
    UnrecognizedChunkType = 6,

    /// <summary>Invalid Mandatory Parameter (RFC 9260 §3.3.10.7).</summary>
    InvalidMandatoryParameter = 7,

    /// <summary>Unrecognized Parameters; the info is the unrecognized parameters (RFC 9260 §3.3.10.8).</summary>
    UnrecognizedParameters = 8,

    /// <summary>No User Data: a DATA chunk without payload; the info is its TSN (RFC 9260 §3.3.10.9).</summary>
    NoUserData = 9,

    /// <summary>Cookie Received While Shutting Down (RFC 9260 §3.3.10.10).</summary>
    CookieReceivedWhileShuttingDown = 10,

    /// <summary>Restart of an Association with New Addresses (RFC 9260 §3.3.10.11).</summary>
    RestartWithNewAddresses = 11,

    /// <summary>User-Initiated Abort; the info is an upper-layer reason (RFC 9260 §3.3.10.12).</summary>
    UserInitiatedAbort = 12,

    /// <summary>Protocol Violation; the info is free text (RFC 9260 §3.3.10.13).</summary>
    ProtocolViolation = 13,
}
