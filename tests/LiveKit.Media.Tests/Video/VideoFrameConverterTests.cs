using System;
using System.Collections.Generic;
using LiveKit.Media.Video;
using Xunit;

namespace LiveKit.Media.Tests.Video;

/// <summary>
/// Every pair of formats, through every vector path, against the scalar reference: the outputs must be equal byte for
/// byte (the kernels compute the same integers, no rounding differs), for random frames of many sizes, odd ones and
/// widths that are not a multiple of any vector width among them.
/// </summary>
public sealed class VideoFrameConverterTests
{
    // 1-9 cover frames narrower than any vector; 15-17, 23-24, 31-33, 47-49, 63-65 sit around the 8- and 16-pixel steps;
    // the rest mix both vector loops and a tail.
    private static readonly int[] Widths = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 47, 48, 49, 63, 64, 65, 100, 131];

    private static readonly int[] Heights = [1, 2, 3, 4, 7, 10];

    private static readonly VectorPath[] Paths = [VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256];

    public static IEnumerable<object[]> FormatPairs()
    {
        foreach (VideoFormat from in VideoTestFrames.AllFormats)
        {
            foreach (VideoFormat to in VideoTestFrames.AllFormats)
            {
                yield return [from, to];
            }
        }
    }

    [Theory]
    [MemberData(nameof(FormatPairs))]
    public void Every_path_equals_the_scalar_reference_for_random_frames_of_many_sizes(VideoFormat from, VideoFormat to)
    {
        int checkedFrames = 0;
        foreach (int width in Widths)
        {
            foreach (int height in Heights)
            {
                checkedFrames += CompareWithReference(from, to, width, height, seed: HashCode.Combine(from, to, width, height));
            }
        }

        Assert.Equal(Widths.Length * Heights.Length * Paths.Length, checkedFrames);
    }

    [Theory]
    [MemberData(nameof(FormatPairs))]
    public void Every_path_equals_the_scalar_reference_for_a_large_odd_frame(VideoFormat from, VideoFormat to)
    {
        Assert.Equal(Paths.Length, CompareWithReference(from, to, 641, 361, seed: 7));
    }

    [Fact]
    public void The_machine_path_is_the_widest_accelerated_one()
    {
        // On the CI machines (x64 with AVX2, or arm64) the vectorized kernels run, not the scalar fallback.
        Assert.Equal(
            System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? VectorPath.Vector256
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? VectorPath.Vector128 : VectorPath.Scalar,
            VectorPaths.Best);
    }

    [Theory]
    [MemberData(nameof(FormatPairs))]
    public void Convert_allocates_nothing(VideoFormat from, VideoFormat to)
    {
        using VideoFrame source = VideoTestFrames.Random(130, 66, from, seed: 3);
        using VideoFrame destination = VideoFrame.Create(130, 66, to);
        VideoFrameConverter.Convert(source, destination);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            VideoFrameConverter.Convert(source, destination);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Convert_copies_the_timestamp()
    {
        using VideoFrame source = VideoTestFrames.Random(6, 4, VideoFormat.RGBA, seed: 4);
        using VideoFrame destination = VideoFrame.Create(6, 4, VideoFormat.NV12);
        source.Timestamp = TimeSpan.FromMicroseconds(33_367);

        VideoFrameConverter.Convert(source, destination);

        Assert.Equal(TimeSpan.FromMicroseconds(33_367), destination.Timestamp);
    }

    [Fact]
    public void Convert_refuses_frames_of_different_sizes()
    {
        using VideoFrame source = VideoFrame.Create(6, 4, VideoFormat.I420);
        using VideoFrame destination = VideoFrame.Create(6, 6, VideoFormat.RGBA);

        ArgumentException error = Assert.Throws<ArgumentException>(() => VideoFrameConverter.Convert(source, destination));
        Assert.Contains("does not scale", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => VideoFrameConverter.Convert(null!, destination));
        Assert.Throws<ArgumentNullException>(() => VideoFrameConverter.Convert(source, null!));
    }

    [Fact]
    public void Converting_a_frame_into_itself_leaves_it_as_it_is()
    {
        using VideoFrame frame = VideoTestFrames.Random(6, 4, VideoFormat.I420, seed: 5);
        byte[] before = frame.GetPlane(1).Data.ToArray();

        VideoFrameConverter.Convert(frame, frame);

        Assert.Equal(before, frame.GetPlane(1).Data.ToArray());
    }

    // Converts one random frame with the reference and with each path; returns how many paths matched (all, or it fails).
    private static int CompareWithReference(VideoFormat from, VideoFormat to, int width, int height, int seed)
    {
        using VideoFrame source = VideoTestFrames.Random(width, height, from, seed);
        using VideoFrame expected = VideoFrame.Create(width, height, to);
        using VideoFrame actual = VideoFrame.Create(width, height, to);
        // Different filler in the two destinations: a byte that a conversion leaves unwritten shows up as a difference.
        VideoTestFrames.Fill(expected, 0x55);
        ScalarConversions.Convert(source, expected);
        int matched = 0;
        foreach (VectorPath path in Paths)
        {
            VideoTestFrames.Fill(actual, 0xAA);
            VideoFrameConverter.ConvertUsing(path, source, actual);
            VideoTestFrames.AssertSame(expected, actual, $"{from} to {to}, {width}x{height}, {path}");
            matched++;
        }

        return matched;
    }
}
