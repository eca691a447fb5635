using System;
using LiveKit.Media.Video;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Media.Tests.Video;

/// <summary>
/// The colour math against BT.601 itself (ITU-R BT.601-7, Part A, section 2.5), computed here in floating point: known
/// colours, every possible input, and round trips.
/// </summary>
public sealed class ColorAccuracyTests(ITestOutputHelper output)
{
    // Pure colours in R, G, B; the YUV that BT.601 limited range gives them is computed by ExactYuv.
    public static TheoryData<string, byte, byte, byte> KnownColors => new()
    {
        { "white", 255, 255, 255 },
        { "black", 0, 0, 0 },
        { "mid gray", 128, 128, 128 },
        { "red", 255, 0, 0 },
        { "green", 0, 255, 0 },
        { "blue", 0, 0, 255 },
    };

    [Theory]
    [InlineData(255, 255, 255, 235, 128, 128)]
    [InlineData(0, 0, 0, 16, 128, 128)]
    [InlineData(128, 128, 128, 126, 128, 128)]
    public void White_black_and_gray_convert_to_the_exact_BT601_values_both_ways(int r, int g, int b, int y, int u, int v)
    {
        foreach (VideoFormat yuvFormat in new[] { VideoFormat.I420, VideoFormat.NV12 })
        {
            using VideoFrame rgb = VideoTestFrames.SolidPacked(5, 3, VideoFormat.RGBA, (byte)r, (byte)g, (byte)b, 255);
            using VideoFrame yuv = rgb.ConvertTo(yuvFormat);
            Assert.Equal((y, u, v), VideoTestFrames.YuvAt(yuv, 4, 2));

            using VideoFrame back = yuv.ConvertTo(VideoFormat.RGBA);
            Assert.Equal(new byte[] { (byte)r, (byte)g, (byte)b, 255 }, back.GetPlane(0).GetRow(2).Slice(16, 4).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(KnownColors))]
    public void Known_colors_convert_to_within_one_of_the_exact_BT601_values(string name, byte r, byte g, byte b)
    {
        (double y, double u, double v) = ExactYuv(r, g, b);
        foreach (VideoFormat rgbFormat in VideoTestFrames.RgbFormats)
        {
            using VideoFrame rgb = VideoFrame.Create(6, 4, rgbFormat);
            FillRgb(rgb, r, g, b);
            foreach (VideoFormat yuvFormat in new[] { VideoFormat.I420, VideoFormat.NV12 })
            {
                using VideoFrame yuv = rgb.ConvertTo(yuvFormat);
                (int actualY, int actualU, int actualV) = VideoTestFrames.YuvAt(yuv, 5, 3);
                Assert.True(Math.Abs(actualY - y) <= 1 && Math.Abs(actualU - u) <= 1 && Math.Abs(actualV - v) <= 1,
                    $"{name} from {rgbFormat} to {yuvFormat}: ({actualY}, {actualU}, {actualV}), exact ({y:F2}, {u:F2}, {v:F2})");

                // And back: the primaries come back within 1 of their Y, U, V's exact RGB, and within 2 of the original
                // (Y, U and V are themselves rounded to integers).
                (double expectedR, double expectedG, double expectedB) = ExactRgb(actualY, actualU, actualV);
                using VideoFrame back = yuv.ConvertTo(rgbFormat);
                (int backR, int backG, int backB) = RgbAt(back, 5, 3);
                Assert.True(Math.Abs(backR - expectedR) <= 1 && Math.Abs(backG - expectedG) <= 1 && Math.Abs(backB - expectedB) <= 1,
                    $"{name} back to {rgbFormat}: ({backR}, {backG}, {backB}), exact ({expectedR:F2}, {expectedG:F2}, {expectedB:F2})");
                Assert.True(Math.Abs(backR - r) <= 2 && Math.Abs(backG - g) <= 2 && Math.Abs(backB - b) <= 2,
                    $"{name} round trip through {yuvFormat} in {rgbFormat}: ({backR}, {backG}, {backB})");
            }
        }
    }

    [Fact]
    public void Red_lands_in_the_byte_each_format_name_gives_it()
    {
        // BT.601's red (Y 82, U 90, V 240 as our encoder rounds it) decodes to R 255, G 1, B 0, alpha 255.
        using VideoFrame red = VideoTestFrames.SolidYuv(2, 2, VideoFormat.I420, 82, 90, 240);
        Assert.Equal(new byte[] { 255, 1, 0, 255 }, FirstPixel(red, VideoFormat.RGBA));
        Assert.Equal(new byte[] { 0, 1, 255, 255 }, FirstPixel(red, VideoFormat.BGRA));
        Assert.Equal(new byte[] { 255, 255, 1, 0 }, FirstPixel(red, VideoFormat.ARGB));
        Assert.Equal(new byte[] { 255, 0, 1, 255 }, FirstPixel(red, VideoFormat.ABGR));
    }

    [Fact]
    public void Every_YUV_triple_decodes_to_within_one_of_the_exact_matrix()
    {
        double worst = 0;
        for (int y = 0; y < 256; y++)
        {
            for (int u = 0; u < 256; u++)
            {
                for (int v = 0; v < 256; v++)
                {
                    (double r, double g, double b) = ExactRgb(y, u, v);
                    worst = Math.Max(worst, Math.Abs(Bt601.Red(y, v) - Clamp(r)));
                    worst = Math.Max(worst, Math.Abs(Bt601.Green(y, u, v) - Clamp(g)));
                    worst = Math.Max(worst, Math.Abs(Bt601.Blue(y, u) - Clamp(b)));
                }
            }
        }

        output.WriteLine($"largest |integer - exact| over all Y, U, V: {worst:F3}");
        Assert.True(worst < 1, $"largest error {worst:F3}");
    }

    [Fact]
    public void Every_RGB_triple_encodes_to_within_one_of_the_exact_matrix()
    {
        double worst = 0;
        for (int r = 0; r < 256; r++)
        {
            for (int g = 0; g < 256; g++)
            {
                for (int b = 0; b < 256; b++)
                {
                    (double y, double u, double v) = ExactYuv(r, g, b);
                    worst = Math.Max(worst, Math.Abs(Bt601.Luma(r, g, b) - y));
                    worst = Math.Max(worst, Math.Abs(Bt601.Cb(r, g, b) - u));
                    worst = Math.Max(worst, Math.Abs(Bt601.Cr(r, g, b) - v));
                }
            }
        }

        output.WriteLine($"largest |integer - exact| over all R, G, B: {worst:F3}");
        Assert.True(worst < 1, $"largest error {worst:F3}");
    }

    [Theory]
    [InlineData(VideoFormat.I420, 64, 36)]
    [InlineData(VideoFormat.I420, 33, 17)]
    [InlineData(VideoFormat.NV12, 33, 17)]
    public void I420_to_RGBA_and_back_stays_within_a_small_error(VideoFormat format, int width, int height)
    {
        // In-gamut YUV: Y in 80-160 and U, V in 100-156 decode to R, G, B well inside 0-255 (so no clamping), chroma
        // constant over each 2x2 block as a camera's I420 has it; the only losses are the roundings.
        using VideoFrame original = VideoFrame.Create(width, height, format);
        var random = new Random(11);
        VideoPlane luma = original.GetPlane(0);
        for (int i = 0; i < luma.Data.Length; i++)
        {
            luma.Data[i] = (byte)random.Next(80, 161);
        }

        for (int plane = 1; plane < original.PlaneCount; plane++)
        {
            Span<byte> chroma = original.GetPlane(plane).Data;
            for (int i = 0; i < chroma.Length; i++)
            {
                chroma[i] = (byte)random.Next(100, 157);
            }
        }

        using VideoFrame rgba = original.ConvertTo(VideoFormat.RGBA);
        using VideoFrame back = rgba.ConvertTo(format);

        for (int plane = 0; plane < original.PlaneCount; plane++)
        {
            ReadOnlySpan<byte> before = original.GetPlane(plane).Data;
            ReadOnlySpan<byte> after = back.GetPlane(plane).Data;
            int worst = 0;
            long total = 0;
            for (int i = 0; i < before.Length; i++)
            {
                int error = Math.Abs(before[i] - after[i]);
                worst = Math.Max(worst, error);
                total += error;
            }

            double mean = (double)total / before.Length;
            output.WriteLine($"plane {plane}: largest error {worst}, mean {mean:F3}");
            Assert.True(worst <= 2, $"plane {plane}: largest error {worst}");
            Assert.True(mean < 0.05, $"plane {plane}: mean error {mean:F3}");
        }
    }

    // BT.601-7 Part A 2.5: Y' = 0.299 R' + 0.587 G' + 0.114 B'; Cb = (B' - Y') / 1.772; Cr = (R' - Y') / 1.402;
    // Y = 219 Y' + 16, C = 224 C' + 128 (R', G', B' = R, G, B / 255).
    private static (double Y, double U, double V) ExactYuv(int r, int g, int b)
    {
        double luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
        return (219 * luma + 16, 224 * (b / 255.0 - luma) / 1.772 + 128, 224 * (r / 255.0 - luma) / 1.402 + 128);
    }

    // The inverse of ExactYuv, unclamped.
    private static (double R, double G, double B) ExactRgb(int y, int u, int v)
    {
        double luma = (y - 16) / 219.0;
        double cb = (u - 128) / 224.0;
        double cr = (v - 128) / 224.0;
        double r = luma + 1.402 * cr;
        double b = luma + 1.772 * cb;
        double g = (luma - 0.299 * r - 0.114 * b) / 0.587;
        return (255 * r, 255 * g, 255 * b);
    }

    private static double Clamp(double value) => Math.Clamp(value, 0, 255);

    private static void FillRgb(VideoFrame frame, byte r, byte g, byte b)
    {
        // Write through an RGBA frame and the converter's own swizzle would test nothing: place bytes by name here.
        (int red, int green, int blue, int alpha) = frame.Format switch
        {
            VideoFormat.RGBA => (0, 1, 2, 3),
            VideoFormat.BGRA => (2, 1, 0, 3),
            VideoFormat.ARGB => (1, 2, 3, 0),
            _ => (3, 2, 1, 0),
        };
        Span<byte> pixels = frame.GetPlane(0).Data;
        for (int i = 0; i < pixels.Length; i += 4)
        {
            pixels[i + red] = r;
            pixels[i + green] = g;
            pixels[i + blue] = b;
            pixels[i + alpha] = 255;
        }
    }

    private static (int R, int G, int B) RgbAt(VideoFrame frame, int x, int y)
    {
        Span<byte> pixel = frame.GetPlane(0).GetRow(y).Slice(x * 4, 4);
        return frame.Format switch
        {
            VideoFormat.RGBA => (pixel[0], pixel[1], pixel[2]),
            VideoFormat.BGRA => (pixel[2], pixel[1], pixel[0]),
            VideoFormat.ARGB => (pixel[1], pixel[2], pixel[3]),
            _ => (pixel[3], pixel[2], pixel[1]),
        };
    }

    private static byte[] FirstPixel(VideoFrame source, VideoFormat format)
    {
        using VideoFrame converted = source.ConvertTo(format);
        return converted.GetPlane(0).Data[..4].ToArray();
    }
}
