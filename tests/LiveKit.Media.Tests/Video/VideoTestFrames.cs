using System;
using LiveKit.Media.Video;
using Xunit;

namespace LiveKit.Media.Tests.Video;

/// <summary>Frames for the video tests: seeded random content, solid colours, and a plane-by-plane comparison.</summary>
internal static class VideoTestFrames
{
    public static readonly VideoFormat[] AllFormats = Enum.GetValues<VideoFormat>();

    public static readonly VideoFormat[] RgbFormats = [VideoFormat.RGBA, VideoFormat.BGRA, VideoFormat.ARGB, VideoFormat.ABGR];

    /// <summary>A frame whose every byte is random (YUV values outside the nominal range too, to reach the clamps).</summary>
    public static VideoFrame Random(int width, int height, VideoFormat format, int seed)
    {
        VideoFrame frame = VideoFrame.Create(width, height, format);
        var random = new Random(seed);
        for (int plane = 0; plane < frame.PlaneCount; plane++)
        {
            random.NextBytes(frame.GetPlane(plane).Data);
        }

        return frame;
    }

    /// <summary>Sets every byte of every plane to <paramref name="value"/>.</summary>
    public static void Fill(VideoFrame frame, byte value)
    {
        for (int plane = 0; plane < frame.PlaneCount; plane++)
        {
            frame.GetPlane(plane).Data.Fill(value);
        }
    }

    /// <summary>A frame of one colour given as Y, U, V (I420 or NV12).</summary>
    public static VideoFrame SolidYuv(int width, int height, VideoFormat format, byte y, byte u, byte v)
    {
        VideoFrame frame = VideoFrame.Create(width, height, format);
        frame.GetPlane(0).Data.Fill(y);
        if (format == VideoFormat.I420)
        {
            frame.GetPlane(1).Data.Fill(u);
            frame.GetPlane(2).Data.Fill(v);
        }
        else
        {
            Span<byte> uv = frame.GetPlane(1).Data;
            for (int i = 0; i < uv.Length; i += 2)
            {
                uv[i] = u;
                uv[i + 1] = v;
            }
        }

        return frame;
    }

    /// <summary>A frame of one colour given as bytes in memory order (for RGBA: R, G, B, A).</summary>
    public static VideoFrame SolidPacked(int width, int height, VideoFormat format, byte b0, byte b1, byte b2, byte b3)
    {
        VideoFrame frame = VideoFrame.Create(width, height, format);
        Span<byte> pixels = frame.GetPlane(0).Data;
        for (int i = 0; i < pixels.Length; i += 4)
        {
            pixels[i] = b0;
            pixels[i + 1] = b1;
            pixels[i + 2] = b2;
            pixels[i + 3] = b3;
        }

        return frame;
    }

    /// <summary>Y, U, V of a YUV frame at a pixel.</summary>
    public static (int Y, int U, int V) YuvAt(VideoFrame frame, int x, int y)
    {
        VideoPlane luma = frame.GetPlane(0);
        int lumaValue = luma.Data[y * luma.Stride + x];
        if (frame.Format == VideoFormat.I420)
        {
            VideoPlane u = frame.GetPlane(1);
            VideoPlane v = frame.GetPlane(2);
            return (lumaValue, u.Data[y / 2 * u.Stride + x / 2], v.Data[y / 2 * v.Stride + x / 2]);
        }

        VideoPlane uv = frame.GetPlane(1);
        int at = y / 2 * uv.Stride + x / 2 * 2;
        return (lumaValue, uv.Data[at], uv.Data[at + 1]);
    }

    /// <summary>Fails at the first byte where the frames differ, naming plane, row and column.</summary>
    public static void AssertSame(VideoFrame expected, VideoFrame actual, string context)
    {
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        for (int plane = 0; plane < expected.PlaneCount; plane++)
        {
            VideoPlane e = expected.GetPlane(plane);
            VideoPlane a = actual.GetPlane(plane);
            int index = e.Data.CommonPrefixLength(a.Data);
            if (index < e.Data.Length || e.Data.Length != a.Data.Length)
            {
                Assert.Fail($"{context}: plane {plane} differs at row {index / e.Stride}, byte {index % e.Stride}: " +
                    $"expected {(index < e.Data.Length ? e.Data[index] : -1)}, got {(index < a.Data.Length ? a.Data[index] : -1)}.");
            }
        }
    }
}
