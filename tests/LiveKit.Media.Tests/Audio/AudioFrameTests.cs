using System;
using LiveKit.Media.Audio;
using Xunit;

namespace LiveKit.Media.Tests.Audio;

public sealed class AudioFrameTests
{
    [Fact]
    public void A_new_frame_is_silent_and_sized_by_its_format()
    {
        using AudioFrame frame = AudioFrame.Create(48_000, 2, 480);

        Assert.Equal(960, frame.Data.Length);
        Assert.True(frame.Data.IndexOfAnyExcept((short)0) < 0);
        Assert.Equal(TimeSpan.FromMilliseconds(10), frame.Duration);
    }

    [Fact]
    public void The_owner_disposes_and_the_frame_cannot_be_read_after()
    {
        AudioFrame frame = AudioFrame.CopyOf(new short[] { 1, 2, 3, 4 }, 16_000, 2);
        Assert.Equal(new short[] { 1, 2, 3, 4 }, frame.Data.ToArray());

        frame.Dispose();
        frame.Dispose();

        Assert.True(frame.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => frame.Data.Length);
    }

    [Fact]
    public void Creating_and_disposing_frames_in_steady_state_allocates_nothing()
    {
        // Buffers come from the array pool and frame objects from the frame pool.
        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                AudioFrame.Create(48_000, 1, 960).Dispose();
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(7_999, 1, 10)]
    [InlineData(48_000, 3, 10)]
    [InlineData(48_000, 1, 0)]
    public void Out_of_range_formats_are_refused(int rate, int channels, int samples) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFrame.Create(rate, channels, samples));

    [Fact]
    public void A_copy_needs_whole_samples_per_channel() =>
        Assert.Throws<ArgumentException>(() => AudioFrame.CopyOf(new short[3], 48_000, 2));
}
