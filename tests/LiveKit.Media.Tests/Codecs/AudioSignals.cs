using System;

namespace LiveKit.Media.Tests.Codecs;

/// <summary>Test signals and the measurements the codec tests make on decoded audio.</summary>
internal static class AudioSignals
{
    /// <summary>Interleaved 16-bit sine waves, one frequency per channel, phase-continuous over the whole buffer.</summary>
    public static short[] Sine(int sampleRate, double seconds, short amplitude, params double[] frequencyPerChannel)
    {
        int channels = frequencyPerChannel.Length;
        int frames = (int)Math.Round(sampleRate * seconds);
        short[] pcm = new short[frames * channels];
        for (int n = 0; n < frames; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                pcm[n * channels + c] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequencyPerChannel[c] * n / sampleRate));
            }
        }

        return pcm;
    }

    /// <summary>One channel of interleaved PCM, from sample frame <paramref name="start"/> on.</summary>
    public static double[] Channel(ReadOnlySpan<short> pcm, int channels, int channel, int start)
    {
        int frames = pcm.Length / channels - start;
        double[] samples = new double[frames];
        for (int n = 0; n < frames; n++)
        {
            samples[n] = pcm[(start + n) * channels + channel];
        }

        return samples;
    }

    /// <summary>Root mean square.</summary>
    public static double Rms(ReadOnlySpan<double> samples)
    {
        double sum = 0;
        foreach (double s in samples)
        {
            sum += s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>
    /// The Goertzel power of <paramref name="samples"/> at <paramref name="frequency"/>: |X(f)|^2 of the DFT
    /// evaluated at that one frequency.
    /// </summary>
    public static double GoertzelPower(ReadOnlySpan<double> samples, double frequency, int sampleRate)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0;
        foreach (double x in samples)
        {
            double s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }

        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    /// <summary>
    /// The share of the signal's energy at <paramref name="frequency"/>: 1 for a pure sine at that frequency
    /// (Goertzel power of amplitude A over N samples is (A N / 2)^2, its energy N A^2 / 2).
    /// </summary>
    public static double EnergyShareAt(ReadOnlySpan<double> samples, double frequency, int sampleRate)
    {
        double energy = 0;
        foreach (double s in samples)
        {
            energy += s * s;
        }

        return energy == 0 ? 0 : 2 * GoertzelPower(samples, frequency, sampleRate) / (samples.Length * energy);
    }

    /// <summary>The frequency of highest Goertzel power on a grid from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static double DominantFrequency(ReadOnlySpan<double> samples, int sampleRate, double low = 50, double high = 4000, double step = 5)
    {
        double best = low, bestPower = double.MinValue;
        for (double f = low; f <= high; f += step)
        {
            double power = GoertzelPower(samples, f, sampleRate);
            if (power > bestPower)
            {
                bestPower = power;
                best = f;
            }
        }

        return best;
    }
}
