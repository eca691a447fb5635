namespace LiveKit.WebRtc.Sctp;

/// <summary>Why an association ended.</summary>
internal enum SctpCloseReason
{
    /// <summary>The graceful SHUTDOWN sequence completed (RFC 9260 §9.2), started by either side.</summary>
    Shutdown,

    /// <summary>We sent an ABORT: <see cref="SctpAssociation.Abort"/> was called, or the peer broke the protocol.</summary>
    AbortSent,

    /// <summary>The peer sent an ABORT (RFC 9260 §9.1).</summary>
    AbortReceived,

    /// <summary>
    /// The peer stopped answering: too many retransmissions of INIT, COOKIE ECHO, DATA, HEARTBEAT or SHUTDOWN
    /// (RFC 9260 §8.1, §8.2), or the shutdown guard expired.
    /// </summary>
    Failed,
}
