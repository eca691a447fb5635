namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>The <c>inbound-rtp</c> stats of one subscribed track's receiver (W3C webrtc-stats names, camelCase).</summary>
public sealed record ClientInboundStats
{
    /// <summary>The publishing participant's identity.</summary>
    public string ParticipantIdentity { get; init; } = "";

    /// <summary>The track sid.</summary>
    public string TrackSid { get; init; } = "";

    /// <summary>The publication's source (<c>microphone</c>, <c>camera</c>...).</summary>
    public string Source { get; init; } = "";

    /// <summary><c>audio</c> or <c>video</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The stream's SSRC.</summary>
    public long Ssrc { get; init; }

    /// <summary>The transceiver's mid, or null.</summary>
    public string? Mid { get; init; }

    /// <summary>The codec's mime type from the linked <c>codec</c> stats, or null.</summary>
    public string? CodecMimeType { get; init; }

    /// <summary>RTP packets received.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>RTP packets lost (may be negative with duplicates, per the spec).</summary>
    public long PacketsLost { get; init; }

    /// <summary>Payload bytes received.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Interarrival jitter in seconds.</summary>
    public double Jitter { get; init; }

    /// <summary>Video: complete frames received.</summary>
    public long FramesReceived { get; init; }

    /// <summary>Video: frames decoded.</summary>
    public long FramesDecoded { get; init; }

    /// <summary>Video: key frames decoded.</summary>
    public long KeyFramesDecoded { get; init; }

    /// <summary>Video: the last decoded frame's width.</summary>
    public int FrameWidth { get; init; }

    /// <summary>Video: the last decoded frame's height.</summary>
    public int FrameHeight { get; init; }

    /// <summary>Audio: samples received (decoded or concealed), what plays out.</summary>
    public long TotalSamplesReceived { get; init; }

    /// <summary>Audio: samples concealed (loss concealment).</summary>
    public long ConcealedSamples { get; init; }

    /// <summary>Audio: concealed samples that were silent.</summary>
    public long SilentConcealedSamples { get; init; }

    /// <summary>Audio: concealment events.</summary>
    public long ConcealmentEvents { get; init; }

    /// <summary>Audio: the energy of the decoded samples so far (W3C totalAudioEnergy); above 0 means non-silent audio was played.</summary>
    public double TotalAudioEnergy { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{ParticipantIdentity}/{Source} {Kind} {CodecMimeType} ssrc {Ssrc}: {PacketsReceived} packets ({PacketsLost} lost), {BytesReceived} B" +
        (Kind == "video"
            ? $", {FramesDecoded}/{FramesReceived} frames decoded ({FrameWidth}x{FrameHeight})"
            : $", {TotalSamplesReceived} samples ({ConcealedSamples} concealed in {ConcealmentEvents} events)");
}
