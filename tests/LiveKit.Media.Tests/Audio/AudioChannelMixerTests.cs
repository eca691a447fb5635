using System;
using LiveKit.Media.Audio;
using Xunit;

namespace LiveKit.Media.Tests.Audio;

public sealed class AudioChannelMixerTests
{
    [Fact]
    public void Stereo_to_mono_averages_each_pair_without_overflow()
    {
        short[] stereo = [100, 300, short.MaxValue, short.MaxValue, short.MinValue, short.MinValue, -7, 8];
        short[] mono = new short[4];

        int frames = AudioChannelMixer.Convert(stereo, 2, mono, 1);

        Assert.Equal(4, frames);
        Assert.Equal(new short[] { 200, short.MaxValue, short.MinValue, 0 }, mono);
    }

    [Fact]
    public void Mono_to_stereo_puts_each_sample_on_both_channels()
    {
        short[] stereo = new short[6];

        int frames = AudioChannelMixer.Convert(new short[] { 1, -2, 3 }, 1, stereo, 2);

        Assert.Equal(3, frames);
        Assert.Equal(new short[] { 1, 1, -2, -2, 3, 3 }, stereo);
    }

    [Fact]
    public void Equal_counts_copy()
    {
        short[] copy = new short[4];

        Assert.Equal(2, AudioChannelMixer.Convert(new short[] { 5, 6, 7, 8 }, 2, copy, 2));
        Assert.Equal(new short[] { 5, 6, 7, 8 }, copy);
    }

    [Fact]
    public void Other_channel_counts_and_short_destinations_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AudioChannelMixer.Convert(new short[6], 3, new short[6], 1));
        Assert.Throws<ArgumentException>(() => AudioChannelMixer.Convert(new short[4], 1, new short[7], 2));
    }
}
