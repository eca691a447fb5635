namespace LiveKit.Rtc;

/// <summary>
/// Where a track's media comes from. The numbers are those of LiveKit's <c>TrackSource</c> (livekit_models.proto).
/// </summary>
public enum TrackSource
{
    /// <summary>Not stated by the publisher.</summary>
    Unknown = 0,

    /// <summary>A camera.</summary>
    Camera = 1,

    /// <summary>A microphone.</summary>
    Microphone = 2,

    /// <summary>A shared screen or window.</summary>
    ScreenShare = 3,

    /// <summary>The audio of a shared screen or window.</summary>
    ScreenShareAudio = 4,
}
