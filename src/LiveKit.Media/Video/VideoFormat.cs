namespace LiveKit.Media.Video;

/// <summary>
/// How a <see cref="VideoFrame"/> lays out its pixels: two YUV 4:2:0 formats (BT.601 limited range, see
/// <see cref="VideoFrameConverter"/>) and four packed 8-bit RGB formats with alpha.
/// </summary>
/// <remarks>
/// <para>
/// The packed RGB names give the <b>byte order in memory</b>, as the W3C WebCodecs <c>VideoPixelFormat</c> does
/// (<c>RGBA</c>: "Red, Green, Blue, and an alpha value, present in this order"): <see cref="RGBA"/> is the bytes
/// R, G, B, A; <see cref="BGRA"/> is B, G, R, A; <see cref="ARGB"/> is A, R, G, B; <see cref="ABGR"/> is A, B, G, R.
/// libyuv, which WebRTC uses for its conversions, names its formats the other way round,
/// by the order of the channels in a little-endian 32-bit word, so libyuv's "ARGB" is our <see cref="BGRA"/> and
/// libyuv's "ABGR" is our <see cref="RGBA"/>: take care when comparing with libyuv functions.
/// </para>
/// <para>
/// Planes (<see cref="VideoFrame.GetPlane"/>), for a frame of width W and height H, every stride equal to the bytes of
/// one row (no padding), chroma rounded up for odd sizes:
/// <list type="bullet">
/// <item><see cref="I420"/>: 0 = Y (W x H), 1 = U (Cb), 2 = V (Cr), each ((W+1)/2) x ((H+1)/2).</item>
/// <item><see cref="NV12"/>: 0 = Y (W x H), 1 = UV interleaved (U, V, U, V...), (W+1)/2 pairs per row, (H+1)/2 rows.</item>
/// <item>Packed RGB: 0 = the pixels, 4 bytes each, W x H.</item>
/// </list>
/// </para>
/// </remarks>
public enum VideoFormat
{
    /// <summary>Planar YUV 4:2:0: a Y plane, then a U plane and a V plane at half width and half height.</summary>
    I420,

    /// <summary>Semi-planar YUV 4:2:0: a Y plane, then one plane of interleaved U, V pairs at half width and height.</summary>
    NV12,

    /// <summary>Packed, 4 bytes per pixel, in memory R, G, B, A.</summary>
    RGBA,

    /// <summary>Packed, 4 bytes per pixel, in memory B, G, R, A (libyuv calls this "ARGB").</summary>
    BGRA,

    /// <summary>Packed, 4 bytes per pixel, in memory A, R, G, B (libyuv calls this "BGRA").</summary>
    ARGB,

    /// <summary>Packed, 4 bytes per pixel, in memory A, B, G, R (libyuv calls this "RGBA").</summary>
    ABGR,
}
