namespace LiveKit.Rtc.Signaling;

/// <summary>What <see cref="SignalFrameReader.ReceiveAsync"/> read.</summary>
internal enum SignalFrameKind
{
    /// <summary>A whole binary message: one serialized SignalResponse, in <see cref="SignalFrameReader.Frame"/>.</summary>
    Binary = 0,

    /// <summary>A text message. This client never sends text, so the server has no reason to; it is dropped.</summary>
    Text = 1,

    /// <summary>A message over <see cref="SignalFrameReader.MaxFrameSize"/>: read to its end and dropped.</summary>
    TooBig = 2,

    /// <summary>The server's close frame (RFC 6455 §5.5.1); the socket holds its status and text.</summary>
    Close = 3,
}
