using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LiveKit.Media.Video;

namespace LiveKit.Benchmarks;

/// <summary>
/// One frame converted per operation, at 640x360, 1280x720 and 1920x1080, by the vectorized converter
/// (<see cref="VideoFrameConverter.Convert"/>, on this machine's widest accelerated vectors) and by the scalar
/// reference the tests hold it to, against the floor of a plain memory copy of as many bytes as the conversion writes
/// (<see cref="Span{T}.CopyTo"/>, the baseline of each category):
/// <list type="bullet">
/// <item>I420 to RGBA: the copy moves width x height x 4 bytes.</item>
/// <item>RGBA to I420: the copy moves width x height x 3/2 bytes (Y, U, V of an even size).</item>
/// </list>
/// The source is a synthetic camera picture: gradients in Y, U and V with seeded noise on Y (and its RGBA conversion
/// for the other direction). On random bytes the vectorized code runs as fast (it has no branches), but the scalar
/// reference slows down from mispredicted branches in its clamps and edges (I420 to RGBA about 2.2x, RGBA to I420
/// about 1.3x, measured at 1080p), which camera content does not cause.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class VideoConversionBenchmarks
{
    private const string I420ToRgba = "I420 to RGBA";
    private const string RgbaToI420 = "RGBA to I420";

    private VideoFrame _i420 = null!;
    private VideoFrame _rgba = null!;
    private VideoFrame _i420Out = null!;
    private VideoFrame _rgbaOut = null!;
    private byte[] _rgbaBytesFrom = null!;
    private byte[] _rgbaBytesTo = null!;
    private byte[] _i420BytesFrom = null!;
    private byte[] _i420BytesTo = null!;

    /// <summary>Frame height; the width is 16:9 of it (640, 1280, 1920).</summary>
    [Params(360, 720, 1080)]
    public int Height { get; set; }

    private int Width => Height * 16 / 9;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _i420 = VideoFrame.Create(Width, Height, VideoFormat.I420);
        FillCameraPicture(_i420, random);
        _rgba = _i420.ConvertTo(VideoFormat.RGBA);
        _i420Out = VideoFrame.Create(Width, Height, VideoFormat.I420);
        _rgbaOut = VideoFrame.Create(Width, Height, VideoFormat.RGBA);

        int rgbaBytes = Width * Height * 4;
        int i420Bytes = Width * Height * 3 / 2;
        _rgbaBytesFrom = new byte[rgbaBytes];
        _rgbaBytesTo = new byte[rgbaBytes];
        _i420BytesFrom = new byte[i420Bytes];
        _i420BytesTo = new byte[i420Bytes];
        random.NextBytes(_rgbaBytesFrom);
        random.NextBytes(_i420BytesFrom);

        // A conversion that is wrong must not look fast: the vectorized result must be the reference's.
        using VideoFrame check = VideoFrame.Create(Width, Height, VideoFormat.RGBA);
        VideoFrameConverter.Convert(_i420, _rgbaOut);
        ScalarConversions.Convert(_i420, check);
        if (!_rgbaOut.GetPlane(0).Data.SequenceEqual(check.GetPlane(0).Data))
        {
            throw new InvalidOperationException("The vectorized I420 to RGBA differs from the scalar reference.");
        }
    }

    // Y: a diagonal ramp over 16-235 with +-8 of noise; U: a horizontal ramp, V: a vertical one, over 16-240.
    private static void FillCameraPicture(VideoFrame frame, Random random)
    {
        VideoPlane luma = frame.GetPlane(0);
        for (int y = 0; y < frame.Height; y++)
        {
            Span<byte> row = luma.GetRow(y);
            for (int x = 0; x < frame.Width; x++)
            {
                int ramp = 16 + 219 * (x + y) / (frame.Width + frame.Height);
                row[x] = (byte)Math.Clamp(ramp + random.Next(-8, 9), 16, 235);
            }
        }

        VideoPlane u = frame.GetPlane(1);
        VideoPlane v = frame.GetPlane(2);
        for (int y = 0; y < u.Height; y++)
        {
            for (int x = 0; x < u.Stride; x++)
            {
                u.GetRow(y)[x] = (byte)(16 + 224 * x / u.Stride);
                v.GetRow(y)[x] = (byte)(16 + 224 * y / u.Height);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _i420.Dispose();
        _rgba.Dispose();
        _i420Out.Dispose();
        _rgbaOut.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Memory copy (RGBA bytes)")]
    [BenchmarkCategory(I420ToRgba)]
    public void CopyRgbaBytes() => _rgbaBytesFrom.AsSpan().CopyTo(_rgbaBytesTo);

    [Benchmark(Description = "I420 to RGBA, vectorized")]
    [BenchmarkCategory(I420ToRgba)]
    public void I420ToRgbaVectorized() => VideoFrameConverter.Convert(_i420, _rgbaOut);

    [Benchmark(Description = "I420 to RGBA, scalar reference")]
    [BenchmarkCategory(I420ToRgba)]
    public void I420ToRgbaScalar() => ScalarConversions.Convert(_i420, _rgbaOut);

    [Benchmark(Baseline = true, Description = "Memory copy (I420 bytes)")]
    [BenchmarkCategory(RgbaToI420)]
    public void CopyI420Bytes() => _i420BytesFrom.AsSpan().CopyTo(_i420BytesTo);

    [Benchmark(Description = "RGBA to I420, vectorized")]
    [BenchmarkCategory(RgbaToI420)]
    public void RgbaToI420Vectorized() => VideoFrameConverter.Convert(_rgba, _i420Out);

    [Benchmark(Description = "RGBA to I420, scalar reference")]
    [BenchmarkCategory(RgbaToI420)]
    public void RgbaToI420Scalar() => ScalarConversions.Convert(_rgba, _i420Out);
}
