namespace LiveKit.WebRtc;

/// <summary>
/// The priority a channel announces in DATA_CHANNEL_OPEN (W3C RTCPriorityType; RFC 8832 §5.1 maps them to 128,
/// 256, 512 and 1024). It is advisory: the SCTP layer does not schedule by it.
/// </summary>
public enum DataChannelPriority
{
    /// <summary>128.</summary>
    VeryLow,

    /// <summary>256, the default.</summary>
    Low,

    /// <summary>512.</summary>
    Medium,

    /// <summary>1024.</summary>
    High,
}
