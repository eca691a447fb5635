namespace LiveKit.WebRtc;

/// <summary>Where offer/answer negotiation stands (W3C WebRTC §4.3.1; JSEP RFC 8829 §3.2).</summary>
public enum SignalingState
{
    /// <summary>No negotiation in progress.</summary>
    Stable,

    /// <summary>We set a local offer and wait for the answer.</summary>
    HaveLocalOffer,

    /// <summary>We set a remote offer and owe an answer.</summary>
    HaveRemoteOffer,

    /// <summary>The connection is closed.</summary>
    Closed,
}
