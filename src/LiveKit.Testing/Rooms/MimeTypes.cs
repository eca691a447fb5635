using LiveKit.WebRtc;

namespace LiveKit.Testing.Rooms;

/// <summary>TrackInfo.mime_type as the real server writes it: <c>audio/opus</c>, <c>video/VP8</c>.</summary>
internal static class MimeTypes
{
    public static string Of(RtpCodec codec) => (codec.Kind == MediaKind.Audio ? "audio/" : "video/") + codec.Name;
}
