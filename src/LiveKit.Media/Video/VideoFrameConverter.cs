using System;

namespace LiveKit.Media.Video;

/// <summary>
/// Converts a <see cref="VideoFrame"/> into another of the same size, between any two <see cref="VideoFormat"/>s, with
/// vectorized kernels (<c>System.Runtime.Intrinsics</c> <c>Vector256</c>/<c>Vector128</c> where the hardware
/// accelerates them, a scalar loop for the rest of a row). It allocates nothing.
/// </summary>
/// <remarks>
/// <para>
/// Colour: BT.601, limited range (Y 16-235, U and V 16-240), the matrix WebRTC and libyuv use by default for I420 and
/// RGB (ITU-R BT.601-7, Part A, section 2.5: Y' = 0.299 R' + 0.587 G' + 0.114 B', Cb = (B' - Y') / 1.772,
/// Cr = (R' - Y') / 1.402, quantized as 219 Y' + 16 and 224 C + 128). In integers, with &gt;&gt; an arithmetic shift
/// (floor):
/// </para>
/// <code>
/// RGB to YUV (8 fractional bits, libyuv's coefficients):
///   Y = ((  66 R + 129 G +  25 B + 128) &gt;&gt; 8) + 16
///   U = (( -38 R -  74 G + 112 B + 128) &gt;&gt; 8) + 128      of the 2x2 block's mean R, G, B: (a + b + c + d + 2) &gt;&gt; 2
///   V = (( 112 R -  94 G -  18 B + 128) &gt;&gt; 8) + 128
/// YUV to RGB (7 fractional bits), C = Y - 16, D = U - 128, E = V - 128, each clamped to [0, 255]:
///   R = (149 C           + 204 E + 64) &gt;&gt; 7          exact: 1.164383 C + 1.596027 E
///   G = (149 C -  50 D  - 104 E + 64) &gt;&gt; 7          exact: 1.164383 C - 0.391762 D - 0.812968 E
///   B = (149 C + 258 D           + 64) &gt;&gt; 7          exact: 1.164383 C + 2.017232 D
/// </code>
/// <para>
/// Every kernel gives exactly what the scalar definition gives (tested against a scalar reference). Against the exact
/// real-valued matrix, each of the 2^24 inputs converts to less than 1 away (tested over all of them: at worst 0.79
/// for YUV to RGB, 0.99 for RGB to YUV). White (235, 128, 128), black (16, 128, 128) and mid gray (126, 128, 128,
/// from 128, 128, 128) are exact both ways.
/// </para>
/// <para>
/// Chroma of an odd last column or row comes from that column or row alone. RGB to YUV drops alpha; YUV to RGB writes
/// alpha 255; RGB to RGB keeps it. The same format is a copy.
/// </para>
/// </remarks>
public static class VideoFrameConverter
{
    /// <summary>
    /// Converts <paramref name="source"/> into <paramref name="destination"/>, overwriting all its pixels, and copies
    /// the timestamp. Neither frame changes owner; both stay the caller's.
    /// </summary>
    /// <exception cref="ArgumentNullException">A frame is null.</exception>
    /// <exception cref="ObjectDisposedException">A frame was disposed.</exception>
    /// <exception cref="ArgumentException">The frames differ in size: this converts formats, it does not scale.</exception>
    public static void Convert(VideoFrame source, VideoFrame destination) => ConvertUsing(VectorPaths.Best, source, destination);

    /// <summary><see cref="Convert(VideoFrame, VideoFrame)"/> with the widest vectors it may use chosen by the caller (tests).</summary>
    internal static void ConvertUsing(VectorPath path, VideoFrame source, VideoFrame destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(source.IsDisposed, source);
        ObjectDisposedException.ThrowIf(destination.IsDisposed, destination);
        if (source.Width != destination.Width || source.Height != destination.Height)
        {
            throw new ArgumentException(
                $"The destination is {destination.Width}x{destination.Height} but the source is {source.Width}x{source.Height}: " +
                "create the destination with the source's size (conversion does not scale).", nameof(destination));
        }

        destination.Timestamp = source.Timestamp;
        if (ReferenceEquals(source, destination))
        {
            return;
        }

        path = VectorPaths.Usable(path);
        VideoFormat from = source.Format;
        VideoFormat to = destination.Format;
        if (from == to)
        {
            for (int plane = 0; plane < source.PlaneCount; plane++)
            {
                source.GetPlane(plane).Data.CopyTo(destination.GetPlane(plane).Data);
            }
        }
        else if (RgbLayout.IsPackedRgb(from) && RgbLayout.IsPackedRgb(to))
        {
            ConvertRgbToRgb(source, destination, path);
        }
        else if (RgbLayout.IsPackedRgb(to))
        {
            ConvertYuvToRgb(source, destination, path);
        }
        else if (RgbLayout.IsPackedRgb(from))
        {
            ConvertRgbToYuv(source, destination, path);
        }
        else
        {
            ConvertYuvToYuv(source, destination, path);
        }
    }

    private static void ConvertRgbToRgb(VideoFrame source, VideoFrame destination, VectorPath path)
    {
        VideoPlane from = source.GetPlane(0);
        VideoPlane to = destination.GetPlane(0);
        RgbLayout fromLayout = RgbLayout.Of(source.Format);
        RgbLayout toLayout = RgbLayout.Of(destination.Format);
        for (int row = 0; row < source.Height; row++)
        {
            RgbSwizzleKernels.ConvertRow(from.GetRow(row), to.GetRow(row), source.Width, fromLayout, toLayout, path);
        }
    }

    // One machine-code specialization per byte order (IRgbOrder): the kernels' shifts become constants.
    private static void ConvertYuvToRgb(VideoFrame source, VideoFrame destination, VectorPath path)
    {
        switch (destination.Format)
        {
            case VideoFormat.RGBA: ConvertYuvToRgb<RgbaOrder>(source, destination, path); break;
            case VideoFormat.BGRA: ConvertYuvToRgb<BgraOrder>(source, destination, path); break;
            case VideoFormat.ARGB: ConvertYuvToRgb<ArgbOrder>(source, destination, path); break;
            default: ConvertYuvToRgb<AbgrOrder>(source, destination, path); break;
        }
    }

    private static void ConvertYuvToRgb<TOrder>(VideoFrame source, VideoFrame destination, VectorPath path)
        where TOrder : struct, IRgbOrder
    {
        VideoPlane y = source.GetPlane(0);
        VideoPlane rgb = destination.GetPlane(0);
        if (source.Format == VideoFormat.I420)
        {
            VideoPlane u = source.GetPlane(1);
            VideoPlane v = source.GetPlane(2);
            for (int row = 0; row < source.Height; row++)
            {
                YuvToRgbKernels.ConvertRow<TOrder>(y.GetRow(row), u.GetRow(row / 2), v.GetRow(row / 2), rgb.GetRow(row), source.Width, path);
            }
        }
        else
        {
            VideoPlane uv = source.GetPlane(1);
            for (int row = 0; row < source.Height; row++)
            {
                YuvToRgbKernels.ConvertRowNv12<TOrder>(y.GetRow(row), uv.GetRow(row / 2), rgb.GetRow(row), source.Width, path);
            }
        }
    }

    private static void ConvertRgbToYuv(VideoFrame source, VideoFrame destination, VectorPath path)
    {
        switch (source.Format)
        {
            case VideoFormat.RGBA: ConvertRgbToYuv<RgbaOrder>(source, destination, path); break;
            case VideoFormat.BGRA: ConvertRgbToYuv<BgraOrder>(source, destination, path); break;
            case VideoFormat.ARGB: ConvertRgbToYuv<ArgbOrder>(source, destination, path); break;
            default: ConvertRgbToYuv<AbgrOrder>(source, destination, path); break;
        }
    }

    private static void ConvertRgbToYuv<TOrder>(VideoFrame source, VideoFrame destination, VectorPath path)
        where TOrder : struct, IRgbOrder
    {
        VideoPlane rgb = source.GetPlane(0);
        VideoPlane y = destination.GetPlane(0);
        for (int row = 0; row < source.Height; row += 2)
        {
            // An odd height's last row pairs with itself: its chroma is its own, and its Y is written twice.
            int next = Math.Min(row + 1, source.Height - 1);
            if (destination.Format == VideoFormat.I420)
            {
                RgbToYuvKernels.ConvertRowPair<TOrder>(
                    rgb.GetRow(row), rgb.GetRow(next), y.GetRow(row), y.GetRow(next),
                    destination.GetPlane(1).GetRow(row / 2), destination.GetPlane(2).GetRow(row / 2), source.Width, path);
            }
            else
            {
                RgbToYuvKernels.ConvertRowPairNv12<TOrder>(
                    rgb.GetRow(row), rgb.GetRow(next), y.GetRow(row), y.GetRow(next),
                    destination.GetPlane(1).GetRow(row / 2), source.Width, path);
            }
        }
    }

    private static void ConvertYuvToYuv(VideoFrame source, VideoFrame destination, VectorPath path)
    {
        source.GetPlane(0).Data.CopyTo(destination.GetPlane(0).Data);
        if (source.Format == VideoFormat.I420)
        {
            VideoPlane u = source.GetPlane(1);
            VideoPlane v = source.GetPlane(2);
            VideoPlane uv = destination.GetPlane(1);
            for (int row = 0; row < source.ChromaHeight; row++)
            {
                ChromaInterleaveKernels.Interleave(u.GetRow(row), v.GetRow(row), uv.GetRow(row), source.ChromaWidth, path);
            }
        }
        else
        {
            VideoPlane uv = source.GetPlane(1);
            VideoPlane u = destination.GetPlane(1);
            VideoPlane v = destination.GetPlane(2);
            for (int row = 0; row < source.ChromaHeight; row++)
            {
                ChromaInterleaveKernels.Deinterleave(uv.GetRow(row), u.GetRow(row), v.GetRow(row), source.ChromaWidth, path);
            }
        }
    }
}
