namespace LiveKit.WebRtc.Sctp;

/// <summary>The states of an association (RFC 9260 §4).</summary>
internal enum SctpAssociationState
{
    /// <summary>No association: not started yet (an INIT is still answered), or ended.</summary>
    Closed,

    /// <summary>INIT sent, waiting for INIT ACK.</summary>
    CookieWait,

    /// <summary>COOKIE ECHO sent, waiting for COOKIE ACK.</summary>
    CookieEchoed,

    /// <summary>Up: data flows both ways.</summary>
    Established,

    /// <summary>Shutdown requested: no new messages; waiting for what is outstanding to be acknowledged.</summary>
    ShutdownPending,

    /// <summary>SHUTDOWN sent, waiting for SHUTDOWN ACK.</summary>
    ShutdownSent,

    /// <summary>SHUTDOWN received: sending what is left, then SHUTDOWN ACK.</summary>
    ShutdownReceived,

    /// <summary>SHUTDOWN ACK sent, waiting for SHUTDOWN COMPLETE.</summary>
    ShutdownAckSent,
}
