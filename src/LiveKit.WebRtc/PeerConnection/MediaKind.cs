namespace LiveKit.WebRtc;

/// <summary>The kind of media an RTP transceiver carries (the <c>m=</c> line's media type).</summary>
public enum MediaKind
{
    /// <summary><c>m=audio</c>.</summary>
    Audio,

    /// <summary><c>m=video</c>.</summary>
    Video,
}

/// <summary>Conversions between <see cref="MediaKind"/> and SDP media types.</summary>
internal static class MediaKinds
{
    /// <summary>The SDP media type: <c>audio</c> or <c>video</c>.</summary>
    public static string ToSdp(this MediaKind kind) => kind == MediaKind.Audio ? "audio" : "video";

    /// <summary>Reads an SDP media type; false for anything but audio and video (e.g. <c>application</c>).</summary>
    public static bool TryParse(string media, out MediaKind kind)
    {
        kind = media == "video" ? MediaKind.Video : MediaKind.Audio;
        return media is "audio" or "video";
    }
}
