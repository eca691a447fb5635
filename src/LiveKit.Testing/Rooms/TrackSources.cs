using LiveKit.Proto;

namespace LiveKit.Testing.Rooms;

/// <summary>The names tokens use for track sources (<c>canPublishSources</c>).</summary>
internal static class TrackSources
{
    public static bool TryParse(string name, out TrackSource source)
    {
        source = name switch
        {
            "camera" => TrackSource.Camera,
            "microphone" => TrackSource.Microphone,
            "screen_share" => TrackSource.ScreenShare,
            "screen_share_audio" => TrackSource.ScreenShareAudio,
            _ => TrackSource.Unknown,
        };
        return source != TrackSource.Unknown;
    }
}
