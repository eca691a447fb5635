namespace LiveKit.Testing.Rooms;

/// <summary>The data channel labels of LiveKit's dual-PC mode (brief §3.1 step 5).</summary>
internal static class DataLabels
{
    /// <summary>Ordered and fully reliable.</summary>
    public const string Reliable = "_reliable";

    /// <summary>Unordered, no retransmissions.</summary>
    public const string Lossy = "_lossy";
}
