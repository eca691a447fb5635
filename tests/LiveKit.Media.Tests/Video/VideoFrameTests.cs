using System;
using LiveKit.Media.Video;
using Xunit;

namespace LiveKit.Media.Tests.Video;

/// <summary>The layout of each format's planes, their pooled buffer, and what disposing does.</summary>
public sealed class VideoFrameTests
{
    [Theory]
    [InlineData(VideoFormat.I420, 4, 2, new[] { 4, 2, 2 }, new[] { 2, 1, 1 })]
    [InlineData(VideoFormat.I420, 5, 3, new[] { 5, 3, 3 }, new[] { 3, 2, 2 })]
    [InlineData(VideoFormat.I420, 1, 1, new[] { 1, 1, 1 }, new[] { 1, 1, 1 })]
    [InlineData(VideoFormat.NV12, 4, 2, new[] { 4, 4 }, new[] { 2, 1 })]
    [InlineData(VideoFormat.NV12, 5, 3, new[] { 5, 6 }, new[] { 3, 2 })]
    [InlineData(VideoFormat.RGBA, 5, 3, new[] { 20 }, new[] { 3 })]
    [InlineData(VideoFormat.BGRA, 5, 3, new[] { 20 }, new[] { 3 })]
    [InlineData(VideoFormat.ARGB, 1, 7, new[] { 4 }, new[] { 7 })]
    [InlineData(VideoFormat.ABGR, 2, 2, new[] { 8 }, new[] { 2 })]
    public void Planes_have_the_strides_and_heights_of_the_format_with_chroma_rounded_up(
        VideoFormat format, int width, int height, int[] strides, int[] heights)
    {
        using VideoFrame frame = VideoFrame.Create(width, height, format);

        Assert.Equal(width, frame.Width);
        Assert.Equal(height, frame.Height);
        Assert.Equal(format, frame.Format);
        Assert.Equal(strides.Length, frame.PlaneCount);
        for (int plane = 0; plane < frame.PlaneCount; plane++)
        {
            VideoPlane view = frame.GetPlane(plane);
            Assert.Equal(strides[plane], view.Stride);
            Assert.Equal(heights[plane], view.Height);
            Assert.Equal(strides[plane] * heights[plane], view.Data.Length);
            Assert.Equal(strides[plane], view.GetRow(heights[plane] - 1).Length);
        }
    }

    [Theory]
    [InlineData(VideoFormat.I420)]
    [InlineData(VideoFormat.NV12)]
    [InlineData(VideoFormat.RGBA)]
    public void Planes_do_not_overlap(VideoFormat format)
    {
        using VideoFrame frame = VideoFrame.Create(7, 5, format);
        for (int plane = 0; plane < frame.PlaneCount; plane++)
        {
            frame.GetPlane(plane).Data.Fill((byte)(plane + 1));
        }

        for (int plane = 0; plane < frame.PlaneCount; plane++)
        {
            Assert.Equal(-1, frame.GetPlane(plane).Data.IndexOfAnyExcept((byte)(plane + 1)));
        }
    }

    [Fact]
    public void A_new_frame_is_all_zero_even_on_a_buffer_the_pool_handed_out_before()
    {
        for (int round = 0; round < 3; round++)
        {
            using VideoFrame frame = VideoFrame.Create(33, 17, VideoFormat.I420);
            for (int plane = 0; plane < frame.PlaneCount; plane++)
            {
                Assert.Equal(-1, frame.GetPlane(plane).Data.IndexOfAnyExcept((byte)0));
                frame.GetPlane(plane).Data.Fill(0xAB);
            }
        }
    }

    [Fact]
    public void Dispose_is_idempotent_and_a_disposed_frame_refuses_access()
    {
        VideoFrame frame = VideoFrame.Create(4, 4, VideoFormat.I420);
        Assert.False(frame.IsDisposed);

        frame.Dispose();
        frame.Dispose();

        Assert.True(frame.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => frame.GetPlane(0));
        Assert.Throws<ObjectDisposedException>(() => frame.ConvertTo(VideoFormat.RGBA));
        using VideoFrame other = VideoFrame.Create(4, 4, VideoFormat.RGBA);
        Assert.Throws<ObjectDisposedException>(() => VideoFrameConverter.Convert(frame, other));
        Assert.Throws<ObjectDisposedException>(() => VideoFrameConverter.Convert(other, frame));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 0)]
    [InlineData(-1, 4)]
    [InlineData(VideoFrame.MaxDimension + 1, 4)]
    [InlineData(4, VideoFrame.MaxDimension + 1)]
    public void Create_refuses_sizes_out_of_range(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VideoFrame.Create(width, height, VideoFormat.I420));
    }

    [Fact]
    public void Create_refuses_an_undefined_format()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VideoFrame.Create(4, 4, (VideoFormat)42));
    }

    [Theory]
    [InlineData(VideoFormat.I420, 3)]
    [InlineData(VideoFormat.NV12, 2)]
    [InlineData(VideoFormat.BGRA, 1)]
    public void GetPlane_refuses_an_index_that_is_not_a_plane(VideoFormat format, int planeCount)
    {
        using VideoFrame frame = VideoFrame.Create(4, 4, format);

        Assert.Throws<ArgumentOutOfRangeException>(() => frame.GetPlane(planeCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => frame.GetPlane(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => frame.GetPlane(0).GetRow(4));
    }

    [Fact]
    public void ConvertTo_returns_a_new_frame_the_caller_owns_with_the_size_and_timestamp()
    {
        using VideoFrame source = VideoTestFrames.Random(9, 5, VideoFormat.I420, seed: 1);
        source.Timestamp = TimeSpan.FromMilliseconds(1234.567);
        byte[] before = source.GetPlane(0).Data.ToArray();

        VideoFrame converted = source.ConvertTo(VideoFormat.BGRA);
        using (converted)
        {
            Assert.NotSame(source, converted);
            Assert.Equal((9, 5, VideoFormat.BGRA), (converted.Width, converted.Height, converted.Format));
            Assert.Equal(source.Timestamp, converted.Timestamp);
        }

        // Disposing the converted frame leaves the source whole.
        Assert.True(converted.IsDisposed);
        Assert.False(source.IsDisposed);
        Assert.Equal(before, source.GetPlane(0).Data.ToArray());
    }

    [Fact]
    public void ConvertTo_the_same_format_is_a_copy()
    {
        using VideoFrame source = VideoTestFrames.Random(5, 3, VideoFormat.NV12, seed: 2);
        using VideoFrame copy = source.ConvertTo(VideoFormat.NV12);

        VideoTestFrames.AssertSame(source, copy, "copy");
        copy.GetPlane(0).Data[0] ^= 0xFF;
        Assert.NotEqual(source.GetPlane(0).Data[0], copy.GetPlane(0).Data[0]);
    }
}
