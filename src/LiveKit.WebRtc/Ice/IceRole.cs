namespace LiveKit.WebRtc.Ice;

/// <summary>The role of an agent (RFC 8445 §6.1.1); the controlling agent nominates.</summary>
internal enum IceRole
{
    /// <summary>Sends ICE-CONTROLLING and USE-CANDIDATE.</summary>
    Controlling,

    /// <summary>Sends ICE-CONTROLLED and follows the peer's nomination.</summary>
    Controlled,
}
