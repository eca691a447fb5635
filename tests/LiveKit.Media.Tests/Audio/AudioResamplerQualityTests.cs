using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.Media.Audio;
using LiveKit.Media.Tests.Codecs;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Media.Tests.Audio;

/// <summary>
/// Measures the resampler's frequency response: flatness in the passband, aliasing when downsampling, images when
/// upsampling, and the timing of a long stream. Each test writes what it measured to the test output.
/// </summary>
public class AudioResamplerQualityTests(ITestOutputHelper output)
{
    // Near full scale, so that 16-bit rounding noise (about -100 dB of it) stays below what is measured.
    private const double ToneAmplitude = 30_000;

    public static readonly int[] CommonRates = [8_000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 96_000];

    public static TheoryData<int, int> AllPairs()
    {
        var data = new TheoryData<int, int>();
        foreach (int input in CommonRates)
        {
            foreach (int target in CommonRates.Where(r => r != input))
            {
                data.Add(input, target);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(48_000, 16_000)]
    [InlineData(16_000, 48_000)]
    [InlineData(44_100, 48_000)]
    [InlineData(48_000, 44_100)]
    [InlineData(8_000, 48_000)]
    [InlineData(48_000, 8_000)]
    [InlineData(11_025, 96_000)]
    [InlineData(96_000, 11_025)]
    public void Tones_below_0_9_of_the_lower_Nyquist_keep_their_amplitude(int inputRate, int outputRate)
    {
        double nyquist = Math.Min(inputRate, outputRate) / 2.0;
        double[] fractions = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9];
        double[] frequencies = fractions.Select(f => Math.Round(f * nyquist)).ToArray();

        double[] gainsDb = MeasureGains(inputRate, outputRate, frequencies);

        double rippleTo08 = gainsDb.Take(10).Max(Math.Abs);
        double rippleTo09 = gainsDb.Max(Math.Abs);
        output.WriteLine($"{inputRate} -> {outputRate}: passband ripple {rippleTo08:F4} dB up to 0.8 Nyquist, {rippleTo09:F4} dB up to 0.9 " +
            $"({string.Join(", ", frequencies.Zip(gainsDb, (f, g) => $"{f} Hz {g:F4}"))})");
        Assert.True(rippleTo08 <= 0.5, $"ripple {rippleTo08:F3} dB up to 0.8 of the lower Nyquist");
        Assert.True(rippleTo09 <= 0.1, $"ripple {rippleTo09:F3} dB up to 0.9 of the lower Nyquist (the designed passband)");
    }

    [Theory]
    [InlineData(48_000, 16_000, 10_000, 6_000)]
    [InlineData(48_000, 16_000, 8_800, 7_200)]
    [InlineData(48_000, 8_000, 5_000, 3_000)]
    [InlineData(44_100, 16_000, 9_000, 7_000)]
    [InlineData(44_100, 22_050, 12_000, 10_050)]
    [InlineData(96_000, 44_100, 30_000, 14_100)]
    [InlineData(48_000, 44_100, 23_000, 21_100)]
    public void A_tone_above_the_output_Nyquist_does_not_alias(int inputRate, int outputRate, int tone, int alias)
    {
        short[] input = ToneMeter.Tones(inputRate, 1.5, ToneAmplitude, tone);
        short[] resampled = ToneMeter.ResampleWhole(inputRate, outputRate, 1, input);
        double[] window = ToneMeter.Window(resampled, outputRate / 4, outputRate);

        double aliasDb = -ToneMeter.Db(ToneMeter.Amplitude(window, alias, outputRate) / ToneAmplitude);
        double totalDb = -ToneMeter.Db(AudioSignals.Rms(window) / (ToneAmplitude / Math.Sqrt(2)));

        output.WriteLine($"{inputRate} -> {outputRate}: {tone} Hz, alias at {alias} Hz {aliasDb:F1} dB down, whole output {totalDb:F1} dB down");
        Assert.True(aliasDb >= 60, $"alias only {aliasDb:F1} dB down");
        Assert.True(totalDb >= 60, $"output only {totalDb:F1} dB down");
    }

    [Theory]
    [InlineData(16_000, 48_000, 1_000, new[] { 15_000, 17_000 })]
    [InlineData(8_000, 48_000, 1_000, new[] { 7_000, 9_000, 15_000, 17_000, 23_000 })]
    [InlineData(44_100, 48_000, 1_000, new[] { 4_900, 2_900 })]
    [InlineData(22_050, 48_000, 10_000, new[] { 12_050, 13_900, 15_950, 6_100 })]
    [InlineData(24_000, 48_000, 10_000, new[] { 14_000 })]
    public void Images_of_an_upsampled_tone_are_removed(int inputRate, int outputRate, int tone, int[] images)
    {
        short[] input = ToneMeter.Tones(inputRate, 1.5, ToneAmplitude, tone);
        short[] resampled = ToneMeter.ResampleWhole(inputRate, outputRate, 1, input);
        double[] window = ToneMeter.Window(resampled, outputRate / 4, outputRate);

        double toneAmplitude = ToneMeter.Amplitude(window, tone, outputRate);
        double[] rejectionsDb = images.Select(f => -ToneMeter.Db(ToneMeter.Amplitude(window, f, outputRate) / toneAmplitude)).ToArray();
        double residualDb = -ToneMeter.Db(ToneMeter.ResidualRms(window, tone, outputRate) / (toneAmplitude / Math.Sqrt(2)));

        output.WriteLine($"{inputRate} -> {outputRate}: {tone} Hz, images {string.Join(", ", images.Zip(rejectionsDb, (f, r) => $"{f} Hz {r:F1} dB down"))}; everything but the tone {residualDb:F1} dB down");
        Assert.All(rejectionsDb, r => Assert.True(r >= 60, $"image only {r:F1} dB down"));
        Assert.True(residualDb >= 60, $"residual only {residualDb:F1} dB down");
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_pair_of_common_rates_is_flat_in_the_passband_and_rejects_the_stopband(int inputRate, int outputRate)
    {
        double nyquist = Math.Min(inputRate, outputRate) / 2.0;
        double[] passband = [Math.Round(0.1 * nyquist), Math.Round(0.5 * nyquist), Math.Round(0.8 * nyquist), Math.Round(0.9 * nyquist)];
        double ripple = MeasureGains(inputRate, outputRate, passband).Max(Math.Abs);

        double rejectionDb;
        string what;
        if (outputRate < inputRate)
        {
            // Downsampling: a tone 10 % above the output's Nyquist frequency must vanish.
            double tone = Math.Round(1.1 * outputRate / 2);
            if (tone >= 0.95 * inputRate / 2)
            {
                tone = Math.Round(0.95 * inputRate / 2);
            }

            short[] input = ToneMeter.Tones(inputRate, 1.5, ToneAmplitude, tone);
            double[] window = ToneMeter.Window(ToneMeter.ResampleWhole(inputRate, outputRate, 1, input), outputRate / 4, outputRate);
            rejectionDb = -ToneMeter.Db(AudioSignals.Rms(window) / (ToneAmplitude / Math.Sqrt(2)));
            what = $"{tone} Hz in, output";
        }
        else
        {
            // Upsampling: a tone at 0.9 of the input's Nyquist frequency must come out alone (no images).
            double tone = Math.Round(0.9 * inputRate / 2);
            short[] input = ToneMeter.Tones(inputRate, 1.5, ToneAmplitude, tone);
            double[] window = ToneMeter.Window(ToneMeter.ResampleWhole(inputRate, outputRate, 1, input), outputRate / 4, outputRate);
            double toneAmplitude = ToneMeter.Amplitude(window, tone, outputRate);
            rejectionDb = -ToneMeter.Db(ToneMeter.ResidualRms(window, tone, outputRate) / (toneAmplitude / Math.Sqrt(2)));
            what = $"{tone} Hz in, images and noise";
        }

        output.WriteLine($"{inputRate} -> {outputRate}: ripple {ripple:F4} dB to 0.9 Nyquist; {what} {rejectionDb:F1} dB down");
        Assert.True(ripple <= 0.1, $"ripple {ripple:F3} dB");
        Assert.True(rejectionDb >= 60, $"stopband only {rejectionDb:F1} dB down");
    }

    [Theory]
    [InlineData(44_100, 48_000, 440)]
    [InlineData(48_000, 44_100, 440)]
    [InlineData(48_000, 16_000, 1_000)]
    [InlineData(16_000, 48_000, 1_000)]
    [InlineData(11_025, 48_000, 3_000)]
    public void A_tone_keeps_its_frequency(int inputRate, int outputRate, int tone)
    {
        short[] input = ToneMeter.Tones(inputRate, 1.5, ToneAmplitude, tone);
        double[] window = ToneMeter.Window(ToneMeter.ResampleWhole(inputRate, outputRate, 1, input), outputRate / 4, outputRate);

        double peak = AudioSignals.DominantFrequency(window, outputRate, tone - 50, tone + 50, 0.25);

        output.WriteLine($"{inputRate} -> {outputRate}: {tone} Hz in, Goertzel peak at {peak} Hz");
        Assert.Equal(tone, peak);
    }

    [Theory]
    [InlineData(44_100, 48_000)]
    [InlineData(48_000, 44_100)]
    [InlineData(11_025, 48_000)]
    [InlineData(48_000, 16_000)]
    [InlineData(22_050, 96_000)]
    public void Ten_seconds_of_chunks_give_the_exact_output_length_and_no_timing_drift(int inputRate, int outputRate)
    {
        const int Seconds = 10;
        const double Tone = 440;
        short[] input = ToneMeter.Tones(inputRate, Seconds, ToneAmplitude, Tone);
        var random = new Random(7);
        int[] chunks = Enumerable.Range(0, 64).Select(_ => random.Next(1, inputRate / 25)).ToArray();
        using var resampler = new AudioResampler(inputRate, outputRate, 1);
        int flushLength = resampler.GetFlushLength();

        short[] resampled = ToneMeter.ResampleInChunks(resampler, input, chunks);

        // Without the flushed tail, exactly ceil(n * out / in) samples.
        long expected = ((long)input.Length * outputRate + inputRate - 1) / inputRate;
        Assert.Equal(expected, resampled.Length - flushLength);

        // The tone's phase in the last second equals its phase in the first: the output clock did not slip.
        // (The resampler's delay shifts both windows alike, so it cancels out.)
        double first = ToneMeter.Phase(ToneMeter.Window(resampled, outputRate, outputRate), Tone, outputRate);
        double last = ToneMeter.Phase(ToneMeter.Window(resampled, (Seconds - 1) * outputRate, outputRate), Tone, outputRate);
        double slip = Math.IEEERemainder(last - first, 2 * Math.PI) / (2 * Math.PI * Tone) * outputRate;
        output.WriteLine($"{inputRate} -> {outputRate}: {resampled.Length - flushLength} samples for {input.Length} in (expected {expected}); timing slip over {Seconds - 2} s: {slip:F5} samples");
        Assert.True(Math.Abs(slip) < 0.01, $"slipped {slip} samples");
    }

    [Theory]
    [InlineData(44_100, 48_000)]
    [InlineData(48_000, 16_000)]
    [InlineData(8_000, 48_000)]
    public void Delay_is_where_an_impulse_comes_out(int inputRate, int outputRate)
    {
        const int At = 1_000;
        short[] input = new short[inputRate / 2];
        input[At] = 30_000;
        using var resampler = new AudioResampler(inputRate, outputRate, 1);
        double delaySeconds = resampler.Delay.TotalSeconds;

        short[] resampled = ToneMeter.ResampleWhole(inputRate, outputRate, 1, input);
        int peak = Array.IndexOf(resampled, resampled.Max());

        double expected = (At / (double)inputRate + delaySeconds) * outputRate;
        output.WriteLine($"{inputRate} -> {outputRate}: delay {resampler.Delay.TotalMilliseconds:F3} ms; impulse at output sample {peak}, expected {expected:F2}");
        Assert.True(Math.Abs(peak - expected) <= 1, $"peak at {peak}, expected {expected:F2}");
    }

    // Gain in dB at each frequency, from one multi-tone signal (whole cycles in a one-second window keep tones apart).
    private static double[] MeasureGains(int inputRate, int outputRate, IReadOnlyList<double> frequencies)
    {
        // 2,000 per tone: a dozen tones never add up past the 16-bit range.
        short[] input = ToneMeter.Tones(inputRate, 1.5, 2_000, frequencies.ToArray());
        short[] resampled = ToneMeter.ResampleWhole(inputRate, outputRate, 1, input);
        double[] inputWindow = ToneMeter.Window(input, inputRate / 4, inputRate);
        double[] outputWindow = ToneMeter.Window(resampled, outputRate / 4, outputRate);
        return frequencies
            .Select(f => ToneMeter.Db(ToneMeter.Amplitude(outputWindow, f, outputRate) / ToneMeter.Amplitude(inputWindow, f, inputRate)))
            .ToArray();
    }
}
