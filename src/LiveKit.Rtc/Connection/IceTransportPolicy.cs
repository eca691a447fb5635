namespace LiveKit.Rtc;

/// <summary>Which ICE candidates a PeerConnection may use (W3C <c>RTCIceTransportPolicy</c>).</summary>
public enum IceTransportPolicy
{
    /// <summary>Any candidate: host, server-reflexive or relayed.</summary>
    All = 0,

    /// <summary>Only relayed (TURN) candidates, so no address of this machine is revealed to the peer.</summary>
    Relay = 1,
}
