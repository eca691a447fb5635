using System;
using System.Linq;
using LiveKit.Media.Audio;
using LiveKit.Media.Tests.Codecs;
using Xunit;

namespace LiveKit.Media.Tests.Audio;

/// <summary>The resampler as a stream: chunking, channels, flushing, frames, validation and allocation.</summary>
public class AudioResamplerStreamingTests
{
    [Theory]
    [InlineData(44_100, 48_000, 1)]
    [InlineData(48_000, 44_100, 2)]
    [InlineData(48_000, 16_000, 1)]
    [InlineData(16_000, 48_000, 2)]
    [InlineData(11_025, 96_000, 1)]
    [InlineData(96_000, 8_000, 2)]
    [InlineData(22_050, 24_000, 2)]
    public void Random_chunks_give_exactly_what_one_call_gives(int inputRate, int outputRate, int channels)
    {
        short[] input = Noise(inputRate * 2, channels, seed: inputRate + outputRate);
        short[] whole = ToneMeter.ResampleWhole(inputRate, outputRate, channels, input);

        var random = new Random(1234);
        // Sizes from 0 (an empty call) through 1 to more than the resampler's internal block of 1,024.
        int[] chunks = Enumerable.Range(0, 200).Select(_ => random.Next(0, 8) == 0 ? random.Next(0, 2) : random.Next(2, 3_000)).ToArray();
        using var resampler = new AudioResampler(inputRate, outputRate, channels);
        short[] chunked = ToneMeter.ResampleInChunks(resampler, input, chunks);

        Assert.Equal(whole.Length, chunked.Length);
        Assert.True(whole.AsSpan().SequenceEqual(chunked), "chunked output differs from one-shot output");
    }

    [Theory]
    [InlineData(48_000, 16_000)]
    [InlineData(16_000, 48_000)]
    [InlineData(44_100, 48_000)]
    public void A_tone_on_the_left_leaves_a_silent_right_channel_silent(int inputRate, int outputRate)
    {
        short[] stereo = AudioSignals.Sine(inputRate, 1, 20_000, 1_000, 0);
        short[] left = AudioSignals.Sine(inputRate, 1, 20_000, 1_000);

        short[] resampledStereo = ToneMeter.ResampleWhole(inputRate, outputRate, 2, stereo);
        short[] resampledLeft = ToneMeter.ResampleWhole(inputRate, outputRate, 1, left);

        Assert.Equal(resampledLeft.Length * 2, resampledStereo.Length);
        for (int n = 0; n < resampledLeft.Length; n++)
        {
            Assert.Equal(0, resampledStereo[2 * n + 1]);
            Assert.Equal(resampledLeft[n], resampledStereo[2 * n]);
        }

        Assert.True(resampledLeft.Max() > 19_000, "the left channel carries the tone");
    }

    [Fact]
    public void Equal_rates_copy_the_samples()
    {
        short[] input = Noise(480, 2, seed: 5);
        using var resampler = new AudioResampler(48_000, 48_000, 2);
        short[] output = new short[input.Length];

        Assert.Equal(480, resampler.GetOutputLength(480));
        Assert.Equal(480, resampler.Process(input, output));
        Assert.Equal(input, output);
        Assert.Equal(0, resampler.GetFlushLength());
        Assert.Equal(TimeSpan.Zero, resampler.Delay);
    }

    [Theory]
    [InlineData(44_100, 48_000, 441, 480)]
    [InlineData(48_000, 44_100, 480, 441)]
    [InlineData(48_000, 16_000, 480, 160)]
    [InlineData(16_000, 48_000, 160, 480)]
    [InlineData(8_000, 11_025, 80, 111)]
    public void Ten_millisecond_frames_come_out_as_ten_millisecond_frames(int inputRate, int outputRate, int inSamples, int outSamples)
    {
        using var resampler = new AudioResampler(inputRate, outputRate, 2);
        short[] pcm = AudioSignals.Sine(inputRate, inSamples / (double)inputRate, 10_000, 440, 880);
        using AudioFrame frame = AudioFrame.CopyOf(pcm, inputRate, 2);

        for (int i = 0; i < 20; i++)
        {
            using AudioFrame resampled = resampler.Resample(frame);
            Assert.Equal(outputRate, resampled.SampleRate);
            Assert.Equal(2, resampled.Channels);
            // 10 ms of 11,025 Hz is 110.25 samples: a quarter sample is carried, so one frame in four is a sample longer.
            int expected = inputRate == 8_000 && outputRate == 11_025 ? (i % 4 == 0 ? 111 : 110) : outSamples;
            Assert.Equal(expected, resampled.SamplesPerChannel);
        }

        Assert.False(frame.IsDisposed);
    }

    [Fact]
    public void Flush_drains_the_delay_and_starts_a_new_stream()
    {
        short[] input = Noise(4_410, 1, seed: 9);
        using var resampler = new AudioResampler(44_100, 48_000, 1);
        short[] first = ToneMeter.ResampleInChunks(resampler, input, [441]);
        short[] second = ToneMeter.ResampleInChunks(resampler, input, [441]);

        Assert.Equal(first, second);
        Assert.Equal(4_800 + (int)Math.Ceiling(resampler.Delay.TotalSeconds * 48_000 - 0.01), first.Length);
        Assert.Equal(ToneMeter.ResampleWhole(44_100, 48_000, 1, input), first);
    }

    [Fact]
    public void Consecutive_chunks_join_without_a_click()
    {
        // A 1 kHz tone cut into 10 ms chunks: the largest step between neighbouring output samples is the tone's
        // own (2 pi f A / rate), never a jump at a chunk boundary.
        short[] input = AudioSignals.Sine(44_100, 1, 20_000, 1_000);
        using var resampler = new AudioResampler(44_100, 48_000, 1);
        short[] output = ToneMeter.ResampleInChunks(resampler, input, [441]);

        double maxStep = 2 * Math.PI * 1_000 * 20_000 / 48_000.0;
        int worst = 0;
        for (int n = 1_000; n < 47_000; n++)
        {
            worst = Math.Max(worst, Math.Abs(output[n] - output[n - 1]));
        }

        Assert.True(worst <= maxStep * 1.01 + 2, $"largest step {worst}, a 1 kHz tone's is {maxStep:F0}");
    }

    [Fact]
    public void Full_scale_input_is_clipped_not_wrapped()
    {
        // A full-scale square wave rings above full scale after low-pass filtering (Gibbs): the excess must saturate.
        short[] input = Enumerable.Range(0, 4_800).Select(n => (n / 24) % 2 == 0 ? short.MaxValue : short.MinValue).ToArray();
        short[] output = ToneMeter.ResampleWhole(48_000, 16_000, 1, input);

        for (int n = 100; n < 1_500; n++)
        {
            // Wrapping would turn +32767 + x into a large negative sample next to large positive ones.
            Assert.False(output[n] < -20_000 && (output[n - 1] > 20_000 || output[n + 1] > 20_000), $"sample {n} wrapped");
        }

        Assert.Contains(short.MaxValue, output);
    }

    [Fact]
    public void Process_and_Flush_refuse_an_output_too_short()
    {
        using var resampler = new AudioResampler(16_000, 48_000, 2);
        short[] input = new short[320];

        Assert.Equal(480, resampler.GetOutputLength(160));
        Assert.Throws<ArgumentException>(() => resampler.Process(input, new short[959]));
        Assert.Throws<ArgumentException>(() => resampler.Process(new short[3], new short[100]));
        Assert.Equal(480, resampler.Process(input, new short[960]));
        Assert.Throws<ArgumentException>(() => resampler.Flush(new short[2 * resampler.GetFlushLength() - 1]));
    }

    [Fact]
    public void Unsupported_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioResampler(7_999, 48_000, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioResampler(48_000, 192_001, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioResampler(48_000, 16_000, 3));
        Assert.Throws<ArgumentException>(() => new AudioResampler(48_000, 47_999, 1));

        using var resampler = new AudioResampler(48_000, 16_000, 1);
        using AudioFrame stereo = AudioFrame.Create(48_000, 2, 480);
        using AudioFrame oneSample = AudioFrame.Create(48_000, 1, 1);
        Assert.Throws<ArgumentException>(() => resampler.Resample(stereo));
        // The first sample completes output 0; the next one falls between outputs (one per three inputs): nothing to return.
        resampler.Resample(oneSample).Dispose();
        Assert.Throws<ArgumentException>(() => resampler.Resample(oneSample));
    }

    [Fact]
    public void Dispose_returns_the_buffers_and_later_calls_throw()
    {
        var resampler = new AudioResampler(48_000, 16_000, 1);
        resampler.Dispose();
        resampler.Dispose();

        Assert.Throws<ObjectDisposedException>(() => resampler.Process(new short[480], new short[160]));
        Assert.Throws<ObjectDisposedException>(() => resampler.Flush(new short[1_000]));
    }

    [Theory]
    [InlineData(44_100, 48_000, 2)]
    [InlineData(48_000, 16_000, 1)]
    [InlineData(16_000, 48_000, 2)]
    public void Steady_state_processing_allocates_nothing(int inputRate, int outputRate, int channels)
    {
        using var resampler = new AudioResampler(inputRate, outputRate, channels);
        short[] input = Noise(inputRate / 100, channels, seed: 3);
        short[] output = new short[(resampler.GetOutputLength(inputRate / 100) + 1) * channels];
        for (int i = 0; i < 10; i++)
        {
            resampler.Process(input, output);
        }

        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                resampler.Process(input, output);
            }
        });
        Assert.Equal(0, allocated);
    }

    private static short[] Noise(int frames, int channels, int seed)
    {
        var random = new Random(seed);
        short[] pcm = new short[frames * channels];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)random.Next(-20_000, 20_001);
        }

        return pcm;
    }
}
