using System;

namespace LiveKit.Rtc;

/// <summary>How <see cref="LocalParticipant.PublishTrackAsync"/> publishes a track.</summary>
public sealed record TrackPublishOptions
{
    /// <summary>What the track is, as the other participants see it (a microphone, a camera...).</summary>
    public TrackSource Source { get; init; } = TrackSource.Unknown;

    /// <summary>The audio bitrate in bits per second, 6,000 to 510,000 (what Opus encodes); null for 32 kbps mono, 64 kbps stereo (what browsers send for speech).</summary>
    public int? AudioBitrate { get; init; }

    /// <summary>
    /// Whether audio goes out as stereo Opus; null follows the source (2 channels: stereo). False mixes a stereo source
    /// down to mono (half the bitrate); true sends a mono source on both channels (for a receiver that wants stereo).
    /// </summary>
    public bool? Stereo { get; init; }

    /// <summary>The video bitrate in bits per second, at least 10,000; null for about 0.1 bit per pixel at 30 fps (150 kbps to 2.5 Mbps).</summary>
    public int? VideoBitrate { get; init; }

    /// <summary>The video codec: VP8, the one this SDK encodes so far (H.264, VP9 and AV1 are not implemented).</summary>
    public VideoCodec VideoCodec { get; init; } = VideoCodec.Vp8;

    /// <summary>Discontinuous transmission: silence goes out as tiny packets (RFC 7587 §3.1.3). On by default, as in the other SDKs.</summary>
    public bool Dtx { get; init; } = true;

    /// <summary>Checks the values before anything is sent.</summary>
    /// <exception cref="ArgumentException">A value is out of range or not supported.</exception>
    internal void Validate()
    {
        if (!Enum.IsDefined(Source))
        {
            throw new ArgumentException($"{Source} is not a track source.", nameof(Source));
        }

        if (AudioBitrate is < 6_000 or > 510_000)
        {
            throw new ArgumentException($"The audio bitrate must be 6,000 to 510,000 bits per second (Opus); {AudioBitrate} was asked.", nameof(AudioBitrate));
        }

        if (VideoBitrate is < 10_000)
        {
            throw new ArgumentException($"The video bitrate must be at least 10,000 bits per second; {VideoBitrate} was asked.", nameof(VideoBitrate));
        }

        if (VideoCodec != VideoCodec.Vp8)
        {
            throw new ArgumentException($"{VideoCodec} is not a video codec this SDK encodes; use VideoCodec.Vp8.", nameof(VideoCodec));
        }
    }
}
