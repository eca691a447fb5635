namespace LiveKit.Rtc;

/// <summary>
/// How user data travels. Named and numbered as the Python SDK's <c>DataPacketKind</c>; the wire's numbers differ
/// (RELIABLE 0, LOSSY 1) and the server infers the kind from the data channel anyway.
/// </summary>
public enum DataPacketKind
{
    /// <summary>Unordered, no retransmission (the <c>_lossy</c> data channel): for data that is stale when late.</summary>
    Lossy = 0,

    /// <summary>Ordered and retransmitted until delivered (the <c>_reliable</c> data channel).</summary>
    Reliable = 1,
}
