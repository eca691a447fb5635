namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// SCTP chunk types this stack knows (RFC 9260 §3.2, RFC 3758 §3.2 FORWARD TSN, RFC 6525 §3.1 RE-CONFIG). Any other
/// byte is still representable; what to do with it follows from its upper two bits, see
/// <see cref="SctpChunk.GetUnknownChunkAction"/>.
/// </summary>
internal enum SctpChunkType : byte
{
    /// <summary>DATA: user payload (RFC 9260 §3.3.1).</summary>
    Data = 0,

    /// <summary>INIT: starts an association (RFC 9260 §3.3.2).</summary>
    Init = 1,

    /// <summary>INIT ACK: answers INIT and carries the state cookie (RFC 9260 §3.3.3).</summary>
    InitAck = 2,

    /// <summary>SACK: selective acknowledgement (RFC 9260 §3.3.4).</summary>
    Sack = 3,

    /// <summary>HEARTBEAT: path probe (RFC 9260 §3.3.5).</summary>
    Heartbeat = 4,

    /// <summary>HEARTBEAT ACK: echoes a HEARTBEAT's info (RFC 9260 §3.3.6).</summary>
    HeartbeatAck = 5,

    /// <summary>ABORT: closes the association at once (RFC 9260 §3.3.7).</summary>
    Abort = 6,

    /// <summary>SHUTDOWN: starts a graceful close (RFC 9260 §3.3.8).</summary>
    Shutdown = 7,

    /// <summary>SHUTDOWN ACK (RFC 9260 §3.3.9).</summary>
    ShutdownAck = 8,

    /// <summary>ERROR: reports error causes without closing (RFC 9260 §3.3.10).</summary>
    Error = 9,

    /// <summary>COOKIE ECHO: returns the state cookie (RFC 9260 §3.3.11).</summary>
    CookieEcho = 10,

    /// <summary>COOKIE ACK (RFC 9260 §3.3.12).</summary>
    CookieAck = 11,

    /// <summary>SHUTDOWN COMPLETE (RFC 9260 §3.3.13).</summary>
    ShutdownComplete = 14,

    /// <summary>RE-CONFIG: stream reset and friends (RFC 6525 §3.1).</summary>
    ReConfig = 130,

    /// <summary>FORWARD TSN: partial reliability (RFC 3758 §3.2).</summary>
    ForwardTsn = 192,
}
