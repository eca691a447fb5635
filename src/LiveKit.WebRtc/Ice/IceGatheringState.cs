namespace LiveKit.WebRtc.Ice;

/// <summary>Where candidate gathering stands, with the names of RTCIceGatheringState (W3C WebRTC §4.4.4).</summary>
internal enum IceGatheringState
{
    /// <summary>Nothing gathered yet.</summary>
    New,

    /// <summary>Host candidates are bound and Binding requests to STUN servers are outstanding.</summary>
    Gathering,

    /// <summary>Every STUN server answered or timed out; no more local candidates will come (RFC 8838 §13).</summary>
    Complete,
}
