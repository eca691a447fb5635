namespace LiveKit.Api;

/// <summary>
/// The track source names that <see cref="VideoGrants.CanPublishSources"/> lists: the lower-cased names of the
/// protocol's <c>TrackSource</c> enum (livekit/protocol <c>auth/grants.go</c>, <c>sourceToString</c>).
/// </summary>
public static class TrackSources
{
    /// <summary>A camera track.</summary>
    public const string Camera = "camera";

    /// <summary>A microphone track.</summary>
    public const string Microphone = "microphone";

    /// <summary>A screen share video track.</summary>
    public const string ScreenShare = "screen_share";

    /// <summary>The audio of a screen share.</summary>
    public const string ScreenShareAudio = "screen_share_audio";
}
