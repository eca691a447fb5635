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

    /// <summary>The encoding's rid (a simulcast layer, RFC 8853), or null.</summary>
    public string? Rid { get; init; }

    /// <summary>Whether the encoding is sending (RTCRtpEncodingParameters.active), or null when not reported.</summary>
    public bool? Active { get; init; }

    /// <summary>The width of the last encoded frame (video), or null.</summary>
    public int? FrameWidth { get; init; }

    /// <summary>The height of the last encoded frame (video), or null.</summary>
    public int? FrameHeight { get; init; }
}
