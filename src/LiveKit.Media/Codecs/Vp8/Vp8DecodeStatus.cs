namespace LiveKit.Media.Codecs.Vp8;

/// <summary>What <see cref="Vp8Decoder.Decode"/> made of a frame.</summary>
public enum Vp8DecodeStatus
{
    /// <summary>The frame was decoded; the image is valid until the next decode.</summary>
    Decoded,

    /// <summary>
    /// The frame was decoded but is not to be shown (an alt-ref frame, show_frame = 0, RFC 6386 §9.1): there is no
    /// image, and nothing is wrong.
    /// </summary>
    NotShown,

    /// <summary>
    /// The decoder has no usable reference (at the start, or since a corrupt frame) and the frame is not a key
    /// frame, so it was not decoded: ask the sender for a key frame (PLI, RFC 4585 §6.3.1).
    /// </summary>
    KeyFrameRequired,

    /// <summary>
    /// libvpx refused the frame (truncated, corrupt, not VP8) or decoded it from a damaged reference. Nothing is
    /// shown, and the decoder waits for a key frame: ask the sender for one.
    /// </summary>
    Corrupt,
}
