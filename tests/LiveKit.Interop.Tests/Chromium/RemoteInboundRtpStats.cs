namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// A <c>remote-inbound-rtp</c> entry of Chromium's stats (W3C webrtc-stats §5.6 RTCRemoteInboundRtpStreamStats): what the
/// peer's RTCP receiver reports said about one SSRC Chromium sends (RFC 3550 §6.4.1 report blocks).
/// </summary>
public sealed record RemoteInboundRtpStats
{
    /// <summary><c>audio</c> or <c>video</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The SSRC Chromium sends, that the report blocks were about.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Cumulative packets lost as last reported.</summary>
    public long PacketsLost { get; init; }

    /// <summary>Fraction lost in the last report interval, or null.</summary>
    public double? FractionLost { get; init; }

    /// <summary>Interarrival jitter in seconds, or null.</summary>
    public double? Jitter { get; init; }

    /// <summary>Report blocks received about this SSRC, or null when Chromium does not count them.</summary>
    public long? ReportsReceived { get; init; }
}
