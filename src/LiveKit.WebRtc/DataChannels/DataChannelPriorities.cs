namespace LiveKit.WebRtc.DataChannels;

/// <summary>The priority values of DATA_CHANNEL_OPEN (RFC 8832 §5.1, with the W3C names).</summary>
internal static class DataChannelPriorities
{
    /// <summary>The wire value of <paramref name="priority"/>.</summary>
    public static ushort ToWire(DataChannelPriority priority) => priority switch
    {
        DataChannelPriority.VeryLow => 128,
        DataChannelPriority.Medium => 512,
        DataChannelPriority.High => 1024,
        _ => 256,
    };

    /// <summary>The nearest named priority at or above a wire value (RFC 8832 allows any number).</summary>
    public static DataChannelPriority FromWire(ushort value) => value switch
    {
        <= 128 => DataChannelPriority.VeryLow,
        <= 256 => DataChannelPriority.Low,
        <= 512 => DataChannelPriority.Medium,
        _ => DataChannelPriority.High,
    };
}
