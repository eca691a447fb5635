namespace LiveKit.Rtc.Signaling;

/// <summary>Why a signal connection ended without our asking, as <see cref="SignalClosed.Reason"/> reports it.</summary>
internal enum SignalCloseReason
{
    /// <summary>The server sent a WebSocket close frame (RFC 6455 §5.5.1); its status and text are in <see cref="SignalClosed"/>.</summary>
    ServerClosed = 0,

    /// <summary>The connection failed without a close frame: a reset, an end of stream, a failed send.</summary>
    ConnectionLost = 1,

    /// <summary>Nothing arrived for the join response's <c>ping_timeout</c> (brief §5.1), so the connection was dropped.</summary>
    PingTimeout = 2,
}
