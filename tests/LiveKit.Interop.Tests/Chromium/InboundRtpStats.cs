namespace LiveKit.Interop.Tests.Chromium;

/// <summary>An <c>inbound-rtp</c> entry of Chromium's stats (W3C webrtc-stats §5.3 RTCInboundRtpStreamStats).</summary>
public sealed record InboundRtpStats
{
    /// <summary><c>audio</c> or <c>video</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The remote SSRC.</summary>
    public uint Ssrc { get; init; }

    /// <summary>The transceiver's mid, or null.</summary>
    public string? Mid { get; init; }

    /// <summary>RTP packets received.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>Packets lost (expected minus received; negative with duplicates).</summary>
    public long PacketsLost { get; init; }

    /// <summary>RTP payload bytes received.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Interarrival jitter in seconds, or null.</summary>
    public double? Jitter { get; init; }

    /// <summary>Audio: samples received and decoded (concealed ones included); null for video.</summary>
    public long? TotalSamplesReceived { get; init; }

    /// <summary>Audio: samples that were concealed (loss concealment, not real audio); null for video.</summary>
    public long? ConcealedSamples { get; init; }

    /// <summary>Audio: samples or frames that left the jitter buffer; null for video.</summary>
    public long? JitterBufferEmittedCount { get; init; }

    /// <summary>Video: frames decoded; null for audio.</summary>
    public long? FramesDecoded { get; init; }

    /// <summary>The codec's mimeType (<c>audio/opus</c>...), or null if Chromium has not said.</summary>
    public string? CodecMimeType { get; init; }
}
