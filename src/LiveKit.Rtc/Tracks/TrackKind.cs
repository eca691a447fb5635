namespace LiveKit.Rtc;

/// <summary>
/// The media a track carries. Named and numbered as the Python SDK's <c>TrackKind</c>; the wire's
/// <c>TrackType</c> numbers differ (AUDIO 0, VIDEO 1) and are mapped when a track is read from the wire.
/// </summary>
public enum TrackKind
{
    /// <summary>Not known.</summary>
    Unknown = 0,

    /// <summary>Audio.</summary>
    Audio = 1,

    /// <summary>Video.</summary>
    Video = 2,
}
