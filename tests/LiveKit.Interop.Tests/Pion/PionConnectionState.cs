namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// A pion peer's connection state (RTCPeerConnectionState), derived by the peer program from its ICE and DTLS
/// states (peer/state.go says why it does not use pion's own value).
/// </summary>
public enum PionConnectionState
{
    /// <summary>Nothing started yet.</summary>
    New,

    /// <summary>ICE checking or DTLS handshaking.</summary>
    Connecting,

    /// <summary>ICE connected and DTLS connected: media can flow.</summary>
    Connected,

    /// <summary>ICE lost consent.</summary>
    Disconnected,

    /// <summary>ICE or DTLS failed; <see cref="PionState.Reason"/> says why.</summary>
    Failed,

    /// <summary>The peer was closed.</summary>
    Closed,
}
