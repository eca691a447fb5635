namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>The <c>outbound-rtp</c> stats of one local track's sender, one per simulcast layer.</summary>
public sealed record ClientOutboundStats
{
    /// <summary>The track sid.</summary>
    public string TrackSid { get; init; } = "";

    /// <summary>The publication's source.</summary>
    public string Source { get; init; } = "";

    /// <summary><c>audio</c> or <c>video</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The stream's SSRC.</summary>
    public long Ssrc { get; init; }

    /// <summary>The simulcast layer's rid (<c>q</c>, <c>h</c>, <c>f</c>), or null without simulcast.</summary>
    public string? Rid { get; init; }

    /// <summary>The codec's mime type, or null.</summary>
    public string? CodecMimeType { get; init; }

    /// <summary>RTP packets sent.</summary>
    public long PacketsSent { get; init; }

    /// <summary>Payload bytes sent.</summary>
    public long BytesSent { get; init; }

    /// <summary>Video: frames encoded.</summary>
    public long FramesEncoded { get; init; }

    /// <summary>Video: the last encoded frame's width.</summary>
    public int FrameWidth { get; init; }

    /// <summary>Video: the last encoded frame's height.</summary>
    public int FrameHeight { get; init; }

    /// <summary>Video: why the encoder is limited (<c>none</c>, <c>cpu</c>, <c>bandwidth</c>), or null.</summary>
    public string? QualityLimitationReason { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Source} {Kind} {CodecMimeType} ssrc {Ssrc}{(Rid is null ? "" : $" rid {Rid}")}: {PacketsSent} packets, {BytesSent} B" +
        (Kind == "video" ? $", {FramesEncoded} frames ({FrameWidth}x{FrameHeight}, limited by {QualityLimitationReason})" : "");
}
