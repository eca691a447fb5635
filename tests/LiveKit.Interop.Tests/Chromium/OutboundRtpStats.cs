namespace LiveKit.Interop.Tests.Chromium;

/// <summary>An <c>outbound-rtp</c> entry of Chromium's stats (W3C webrtc-stats §5.5 RTCOutboundRtpStreamStats).</summary>
public sealed record OutboundRtpStats
{
    /// <summary><c>audio</c> or <c>video</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The local SSRC.</summary>
    public uint Ssrc { get; init; }

    /// <summary>The transceiver's mid, or null.</summary>
    public string? Mid { get; init; }

    /// <summary>RTP packets sent.</summary>
    public long PacketsSent { get; init; }

    /// <summary>RTP payload bytes sent.</summary>
    public long BytesSent { get; init; }

    /// <summary>The codec's mimeType, or null.</summary>
    public string? CodecMimeType { get; init; }
}
