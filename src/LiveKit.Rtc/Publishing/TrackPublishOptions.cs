namespace LiveKit.Rtc;

/// <summary>How <see cref="LocalParticipant.PublishTrackAsync"/> publishes a track.</summary>
public sealed record TrackPublishOptions
{
    /// <summary>What the track is, as the other participants see it (a microphone, a camera...).</summary>
    public TrackSource Source { get; init; } = TrackSource.Unknown;

    /// <summary>The audio bitrate in bits per second; null for 32 kbps mono, 64 kbps stereo (what browsers send for speech).</summary>
    public int? AudioBitrate { get; init; }

    /// <summary>The video bitrate in bits per second; null for about 0.1 bit per pixel at 30 fps (150 kbps to 2.5 Mbps).</summary>
    public int? VideoBitrate { get; init; }

    /// <summary>Discontinuous transmission: silence goes out as tiny packets (RFC 7587 §3.1.3). On by default, as in the other SDKs.</summary>
    public bool Dtx { get; init; } = true;
}
