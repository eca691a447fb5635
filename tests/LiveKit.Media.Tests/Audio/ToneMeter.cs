using System;
using System.Collections.Generic;
using System.Numerics;
using LiveKit.Media.Audio;
using LiveKit.Media.Tests.Codecs;

namespace LiveKit.Media.Tests.Audio;

/// <summary>
/// Measurements of tones in resampled audio. Every measurement window is exactly one second long and every test tone
/// is a whole number of hertz, so each tone completes a whole number of cycles in the window: the single-frequency DFT
/// (Goertzel) then sees no leakage from the other tones, and amplitude and phase are exact.
/// </summary>
internal static class ToneMeter
{
    /// <summary>Peak amplitude of the component at <paramref name="frequency"/>: 2 |X(f)| / N.</summary>
    public static double Amplitude(ReadOnlySpan<double> samples, double frequency, int sampleRate) =>
        2 * Math.Sqrt(Math.Max(0, AudioSignals.GoertzelPower(samples, frequency, sampleRate))) / samples.Length;

    /// <summary>Phase in radians of the component at <paramref name="frequency"/> (of a cosine starting at sample 0).</summary>
    public static double Phase(ReadOnlySpan<double> samples, double frequency, int sampleRate)
    {
        Complex sum = Complex.Zero;
        double omega = 2 * Math.PI * frequency / sampleRate;
        for (int n = 0; n < samples.Length; n++)
        {
            sum += samples[n] * Complex.FromPolarCoordinates(1, -omega * n);
        }

        return sum.Phase;
    }

    /// <summary>Root mean square of what is left after removing the component at <paramref name="frequency"/>.</summary>
    public static double ResidualRms(ReadOnlySpan<double> samples, double frequency, int sampleRate)
    {
        double energy = 0;
        foreach (double s in samples)
        {
            energy += s * s;
        }

        double amplitude = Amplitude(samples, frequency, sampleRate);
        double toneEnergy = amplitude * amplitude / 2 * samples.Length;
        return Math.Sqrt(Math.Max(0, energy - toneEnergy) / samples.Length);
    }

    /// <summary>A ratio in decibels (20 log10).</summary>
    public static double Db(double ratio) => 20 * Math.Log10(ratio);

    /// <summary>Mono 16-bit PCM: the sum of sines of <paramref name="amplitude"/> each at <paramref name="frequencies"/>.</summary>
    public static short[] Tones(int sampleRate, double seconds, double amplitude, params double[] frequencies)
    {
        int frames = (int)Math.Round(sampleRate * seconds);
        short[] pcm = new short[frames];
        for (int n = 0; n < frames; n++)
        {
            double value = 0;
            foreach (double f in frequencies)
            {
                value += amplitude * Math.Sin(2 * Math.PI * f * n / sampleRate);
            }

            pcm[n] = (short)Math.Round(value);
        }

        return pcm;
    }

    /// <summary>Resamples all of <paramref name="input"/> in one call, then flushes.</summary>
    public static short[] ResampleWhole(int inputRate, int outputRate, int channels, ReadOnlySpan<short> input)
    {
        using var resampler = new AudioResampler(inputRate, outputRate, channels);
        int frames = input.Length / channels;
        short[] output = new short[(resampler.GetOutputLength(frames) + resampler.GetFlushLength() + 64) * channels];
        int written = resampler.Process(input, output);
        written += resampler.Flush(output.AsSpan(written * channels));
        return output.AsSpan(0, written * channels).ToArray();
    }

    /// <summary>Resamples <paramref name="input"/> in chunks of the given sizes (samples per channel, cycled), then flushes.</summary>
    public static short[] ResampleInChunks(AudioResampler resampler, ReadOnlySpan<short> input, IReadOnlyList<int> chunkSizes)
    {
        int channels = resampler.Channels;
        int frames = input.Length / channels;
        var output = new List<short>();
        short[] buffer = new short[4096 * channels];
        int position = 0;
        for (int i = 0; position < frames; i++)
        {
            int chunk = Math.Min(chunkSizes[i % chunkSizes.Count], frames - position);
            int expected = resampler.GetOutputLength(chunk);
            if (buffer.Length < expected * channels)
            {
                buffer = new short[expected * channels];
            }

            int written = resampler.Process(input.Slice(position * channels, chunk * channels), buffer);
            if (written != expected)
            {
                throw new InvalidOperationException($"Process wrote {written} samples; GetOutputLength said {expected}.");
            }

            output.AddRange(buffer.AsSpan(0, written * channels));
            position += chunk;
        }

        short[] tail = new short[resampler.GetFlushLength() * channels];
        int flushed = resampler.Flush(tail);
        output.AddRange(tail.AsSpan(0, flushed * channels));
        return output.ToArray();
    }

    /// <summary>Samples <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> of mono PCM, as doubles.</summary>
    public static double[] Window(ReadOnlySpan<short> pcm, int start, int length) =>
        AudioSignals.Channel(pcm.Slice(start, length), 1, 0, 0);
}
