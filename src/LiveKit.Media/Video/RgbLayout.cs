using System;

namespace LiveKit.Media.Video;

/// <summary>
/// Where each channel of a packed RGB format sits in a pixel, as a shift in the little-endian 32-bit word of the
/// pixel's 4 bytes (byte offset k in memory is bits 8k to 8k+7), known at run time: for the scalar code and the
/// swizzle, which take two orders. The vectorized kernels read and write pixels as such words, so they run only on
/// little-endian machines (<see cref="VectorPaths"/> checks). The orders themselves are defined once, as the
/// <see cref="IRgbOrder"/> types.
/// </summary>
internal readonly struct RgbLayout
{
    private RgbLayout(int redShift, int greenShift, int blueShift, int alphaShift)
    {
        RedShift = redShift;
        GreenShift = greenShift;
        BlueShift = blueShift;
        AlphaShift = alphaShift;
    }

    /// <summary>Bit position of red in the word (8 times its byte offset in memory).</summary>
    public int RedShift { get; }

    /// <summary>Bit position of green in the word.</summary>
    public int GreenShift { get; }

    /// <summary>Bit position of blue in the word.</summary>
    public int BlueShift { get; }

    /// <summary>Bit position of alpha in the word.</summary>
    public int AlphaShift { get; }

    /// <summary>Byte offset of red within a pixel.</summary>
    public int RedOffset => RedShift / 8;

    /// <summary>Byte offset of green within a pixel.</summary>
    public int GreenOffset => GreenShift / 8;

    /// <summary>Byte offset of blue within a pixel.</summary>
    public int BlueOffset => BlueShift / 8;

    /// <summary>Byte offset of alpha within a pixel.</summary>
    public int AlphaOffset => AlphaShift / 8;

    /// <summary>The layout of a packed RGB format, by the byte order in memory that its name gives (<see cref="VideoFormat"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a packed RGB format.</exception>
    public static RgbLayout Of(VideoFormat format) => format switch
    {
        VideoFormat.RGBA => Of<RgbaOrder>(),
        VideoFormat.BGRA => Of<BgraOrder>(),
        VideoFormat.ARGB => Of<ArgbOrder>(),
        VideoFormat.ABGR => Of<AbgrOrder>(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a packed RGB format."),
    };

    /// <summary>The run-time copy of a compile-time byte order.</summary>
    public static RgbLayout Of<TOrder>()
        where TOrder : struct, IRgbOrder => new(TOrder.RedShift, TOrder.GreenShift, TOrder.BlueShift, TOrder.AlphaShift);

    /// <summary>True for the four packed RGB formats.</summary>
    public static bool IsPackedRgb(VideoFormat format) => format is VideoFormat.RGBA or VideoFormat.BGRA or VideoFormat.ARGB or VideoFormat.ABGR;
}
