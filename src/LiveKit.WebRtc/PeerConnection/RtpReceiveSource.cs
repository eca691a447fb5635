namespace LiveKit.WebRtc;

/// <summary>
/// One SSRC a receiver gets packets from: the stream announced in <c>a=ssrc</c> or learned from the mid, or one
/// simulcast layer, bound to its rid by the <c>sdes:rtp-stream-id</c> extension (RFC 8853, RFC 8852). Each source
/// keeps its own reception statistics, so each gets its own report block (RFC 3550 §6.4).
/// </summary>
internal sealed class RtpReceiveSource
{
    public RtpReceiveSource(RtpReceiver receiver, uint ssrc, string? rid)
    {
        Receiver = receiver;
        Ssrc = ssrc;
        Rid = rid;
    }

    /// <summary>The receiver the packets go to.</summary>
    public RtpReceiver Receiver { get; }

    /// <summary>The synchronization source.</summary>
    public uint Ssrc { get; }

    /// <summary>The simulcast layer (one of <see cref="RtpReceiver.Rids"/>), or null for a stream without one.</summary>
    public string? Rid { get; }

    /// <summary>Created at the first packet; read and written under the receiver's lock only.</summary>
    public RtpReceiveStatistics? Statistics { get; set; }
}
