namespace LiveKit.WebRtc;

/// <summary>The life of a data channel (W3C RTCDataChannelState).</summary>
public enum DataChannelState
{
    /// <summary>Created; waiting for the SCTP association, or for the peer's DATA_CHANNEL_ACK path to be ready.</summary>
    Connecting,

    /// <summary>Messages can be sent and arrive.</summary>
    Open,

    /// <summary>Closing: our outgoing stream is being reset (RFC 8831 §6.7); nothing more can be sent.</summary>
    Closing,

    /// <summary>Closed: both directions of the stream are reset, or the association ended.</summary>
    Closed,
}
