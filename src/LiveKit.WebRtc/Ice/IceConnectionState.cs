namespace LiveKit.WebRtc.Ice;

/// <summary>The agent's state, with the names of RTCIceConnectionState (W3C WebRTC §4.4.4).</summary>
public enum IceConnectionState
{
    /// <summary>Nothing checked yet.</summary>
    New,

    /// <summary>Connectivity checks are running and no pair is selected (or an ICE restart is under way).</summary>
    Checking,

    /// <summary>A pair is selected and has consent.</summary>
    Connected,

    /// <summary>Connected, and the peer signalled end-of-candidates (RFC 8838 §14).</summary>
    Completed,

    /// <summary>Consent has not been refreshed for a while (RFC 7675 §5.1); may recover.</summary>
    Disconnected,

    /// <summary>All pairs failed, or consent expired (RFC 7675 §5.1). Only an ICE restart recovers.</summary>
    Failed,

    /// <summary>The agent is disposed.</summary>
    Closed,
}
