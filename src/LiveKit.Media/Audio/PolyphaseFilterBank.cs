using System;
using System.Collections.Concurrent;

namespace LiveKit.Media.Audio;

/// <summary>
/// The coefficients of a rational resampler by <see cref="Interpolation"/>/<see cref="Decimation"/>: one Kaiser-windowed
/// sinc low-pass filter designed at the virtual rate <c>L * inputRate</c>, split into <c>L</c> phases.
/// </summary>
/// <remarks>
/// <para>
/// Resampling by L/M is, in principle: insert L - 1 zeros after every input sample, low-pass at the lower of the two
/// Nyquist frequencies, keep every M-th sample. The polyphase form computes only the samples kept: output k needs
/// input samples up to <c>i = floor(k M / L)</c> and the taps <c>h[p + j L]</c> of phase <c>p = k M mod L</c>, so each
/// output is one dot product of <see cref="TapsPerPhase"/> input samples with one row of <see cref="Coefficients"/>.
/// </para>
/// <para>
/// Design, with frequencies as fractions of the lower Nyquist frequency <c>min(inputRate, outputRate) / 2</c>:
/// passband edge <see cref="PassbandEdge"/> (0.90), stopband edge <see cref="StopbandEdge"/> (1.00, so nothing above
/// the output's Nyquist frequency aliases when downsampling and no image of the input survives above its Nyquist
/// frequency when upsampling), cutoff of the ideal sinc halfway (0.95), and a Kaiser window with beta for
/// <see cref="StopbandAttenuationDb"/> (70 dB: 10 dB of margin over the 60 dB required; the passband ripple of a
/// Kaiser design equals its stopband ripple, 0.003 dB). The length follows Kaiser's formula for a transition of 0.05
/// of the lower sample rate, about 86 taps at that rate: 86 per phase when upsampling, 86 times the ratio when
/// downsampling (258 for 48 kHz to 16 kHz). Each phase is normalised to a DC gain of exactly 1, which also applies
/// the gain of L that zero insertion needs.
/// </para>
/// <para>
/// Rows are stored with their taps reversed so that a phase's row lines up with the input samples in time order.
/// Banks depend only on (L, M) and are immutable, so they are built once and shared by every resampler.
/// </para>
/// </remarks>
internal sealed class PolyphaseFilterBank
{
    /// <summary>Designed stopband attenuation in dB.</summary>
    public const double StopbandAttenuationDb = 70;

    /// <summary>Where the passband ends, as a fraction of the lower Nyquist frequency.</summary>
    public const double PassbandEdge = 0.90;

    /// <summary>Where the stopband starts, as a fraction of the lower Nyquist frequency.</summary>
    public const double StopbandEdge = 1.00;

    /// <summary>The largest L or M accepted: bounds the size of a bank (L rows of <see cref="TapsPerPhase"/>).</summary>
    public const int MaxFactor = 4096;

    private static readonly ConcurrentDictionary<long, PolyphaseFilterBank> Cache = new();

    private PolyphaseFilterBank(int interpolation, int decimation)
    {
        Interpolation = interpolation;
        Decimation = decimation;

        // Frequencies in cycles per sample at the virtual rate L * inputRate; the lower rate is min(1/L, 1/M) of it.
        double lowerRate = 1.0 / Math.Max(interpolation, decimation);
        double cutoff = (PassbandEdge + StopbandEdge) / 2 * lowerRate / 2;
        double transition = (StopbandEdge - PassbandEdge) * lowerRate / 2;
        int length = KaiserWindow.Length(StopbandAttenuationDb, transition) | 1; // odd: the centre falls on a tap
        double beta = KaiserWindow.Beta(StopbandAttenuationDb);

        int taps = (length + interpolation - 1) / interpolation;
        TapsPerPhase = taps;
        CenterTap = (length - 1) / 2;

        double[] prototype = new double[taps * interpolation];
        for (int n = 0; n < length; n++)
        {
            double t = n - CenterTap;
            double sinc = t == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            prototype[n] = sinc * KaiserWindow.Value(n, length, beta);
        }

        float[] coefficients = new float[interpolation * taps];
        for (int phase = 0; phase < interpolation; phase++)
        {
            double sum = 0;
            for (int j = 0; j < taps; j++)
            {
                sum += prototype[phase + j * interpolation];
            }

            Span<float> row = coefficients.AsSpan(phase * taps, taps);
            for (int j = 0; j < taps; j++)
            {
                row[taps - 1 - j] = (float)(prototype[phase + j * interpolation] / sum);
            }
        }

        Coefficients = coefficients;
    }

    /// <summary>L: the output rate over the greatest common divisor of the two rates.</summary>
    public int Interpolation { get; }

    /// <summary>M: the input rate over the greatest common divisor of the two rates.</summary>
    public int Decimation { get; }

    /// <summary>Input samples each output sample is computed from.</summary>
    public int TapsPerPhase { get; }

    /// <summary>The prototype's centre, in taps at the virtual rate: its group delay is this many virtual samples.</summary>
    public int CenterTap { get; }

    /// <summary>L rows of <see cref="TapsPerPhase"/> taps, row p for phase p, each row in input time order.</summary>
    public ReadOnlyMemory<float> Coefficients { get; }

    /// <summary>The bank for <paramref name="inputRate"/> to <paramref name="outputRate"/>, built on first use.</summary>
    /// <exception cref="ArgumentException">The ratio reduces to L or M above <see cref="MaxFactor"/>.</exception>
    public static PolyphaseFilterBank For(int inputRate, int outputRate)
    {
        int divisor = GreatestCommonDivisor(inputRate, outputRate);
        int interpolation = outputRate / divisor;
        int decimation = inputRate / divisor;
        if (interpolation > MaxFactor || decimation > MaxFactor)
        {
            throw new ArgumentException(
                $"Resampling {inputRate} Hz to {outputRate} Hz reduces to {interpolation}/{decimation}: factors above {MaxFactor} are not supported (use common rates such as 8000, 16000, 44100 or 48000).");
        }

        long key = ((long)interpolation << 32) | (uint)decimation;
        return Cache.GetOrAdd(key, static k => new PolyphaseFilterBank((int)(k >> 32), (int)(k & 0xFFFF_FFFF)));
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
