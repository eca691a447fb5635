namespace LiveKit.WebRtc.Stun;

/// <summary>A STUN method, the 12 M bits of the message type (RFC 8489 §5, §18.2).</summary>
internal enum StunMethod : ushort
{
    /// <summary>Binding (RFC 8489 §3), the only method ICE connectivity checks use.</summary>
    Binding = 0x001,
}
