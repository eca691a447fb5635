namespace LiveKit.Rtc;

/// <summary>The codec a video track is published with.</summary>
public enum VideoCodec
{
    /// <summary>VP8 (RFC 7741) through libvpx: what every LiveKit client decodes.</summary>
    Vp8 = 0,
}
