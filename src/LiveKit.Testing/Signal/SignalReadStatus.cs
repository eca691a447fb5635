namespace LiveKit.Testing.Signal;

/// <summary>How reading one signal message ended.</summary>
internal enum SignalReadStatus
{
    /// <summary>A request was read.</summary>
    Message,

    /// <summary>The client closed the WebSocket (a close frame or the end of the stream).</summary>
    Closed,

    /// <summary>The frame was not a valid <c>SignalRequest</c> (binary protobuf, or protobuf JSON in a text frame).</summary>
    Malformed,

    /// <summary>The message was larger than the server accepts.</summary>
    TooBig,

    /// <summary>Nothing arrived within the ping timeout.</summary>
    TimedOut,

    /// <summary>The server closed the connection (fault injection, removal, shutdown).</summary>
    Aborted,
}
