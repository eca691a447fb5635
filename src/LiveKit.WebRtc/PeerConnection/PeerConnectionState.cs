namespace LiveKit.WebRtc;

/// <summary>The aggregate state of ICE and DTLS, with the names of RTCPeerConnectionState (W3C WebRTC §4.4.3).</summary>
public enum PeerConnectionState
{
    /// <summary>Nothing has started.</summary>
    New,

    /// <summary>ICE is checking or DTLS is handshaking.</summary>
    Connecting,

    /// <summary>ICE has a selected pair and DTLS is connected: media can flow.</summary>
    Connected,

    /// <summary>ICE lost consent for a while (RFC 7675 §5.1); may recover.</summary>
    Disconnected,

    /// <summary>ICE failed or DTLS failed (see <see cref="PeerConnection.FailureReason"/>). Final without an ICE restart.</summary>
    Failed,

    /// <summary>The connection is closed.</summary>
    Closed,
}
