namespace LiveKit.Rtc.Engine;

/// <summary>The labels of LiveKit's data channels (brief §3.1 step 5, §4).</summary>
internal static class DataChannelLabels
{
    /// <summary>Ordered and fully reliable: reliable user data, DTMF, transcriptions, chat.</summary>
    public const string Reliable = "_reliable";

    /// <summary>Unordered, no retransmission: lossy user data.</summary>
    public const string Lossy = "_lossy";
}
