namespace LiveKit.WebRtc.Ice;

/// <summary>The kind of an ICE candidate (RFC 8445 §5.1.1).</summary>
internal enum IceCandidateType
{
    /// <summary>An address on a local interface ("host").</summary>
    Host,

    /// <summary>An address a STUN server saw ("srflx").</summary>
    ServerReflexive,

    /// <summary>An address learned from a connectivity check ("prflx", RFC 8445 §7.2.5.3.1, §7.3.1.3).</summary>
    PeerReflexive,

    /// <summary>An address allocated on a TURN server ("relay").</summary>
    Relay,
}
