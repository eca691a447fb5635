using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Audio;

/// <summary>
/// Converts a stream of interleaved 16-bit PCM from one sample rate to another (any pair of the common rates: 8,
/// 11.025, 16, 22.05, 24, 32, 44.1, 48 and 96 kHz, and others whose ratio reduces to factors up to 4096), mono or
/// stereo, with a polyphase Kaiser-windowed sinc filter: passband flat to 0.9 of the lower Nyquist frequency, at least
/// 60 dB (designed 70 dB) of attenuation from the lower Nyquist frequency up.
/// </summary>
/// <remarks>
/// <para>
/// Streaming: the filter's history is kept between calls, so consecutive chunks of any size join without clicks, and
/// cutting a stream into chunks gives exactly the samples that processing it in one call gives. After n input samples
/// per channel in total the resampler has produced exactly <c>ceil(n * outputRate / inputRate)</c> output samples per
/// channel, so a long stream does not drift (10 ms in gives 10 ms out when 10 ms is a whole number of samples at both
/// rates, e.g. 441 at 44.1 kHz gives 480 at 48 kHz). The output is causal and lags the input by <see cref="Delay"/>
/// (half the filter, about 43 samples at the lower rate: 2.7 ms at 16 kHz); <see cref="Flush"/> drains that tail at
/// the end of a stream.
/// </para>
/// <para>
/// Same rate in and out: samples are copied. The filter design is documented on the internal
/// <c>PolyphaseFilterBank</c>; banks are computed once per rate pair and shared. Working buffers are rented from
/// <see cref="ArrayPool{T}.Shared"/> when the resampler is created and returned by <see cref="Dispose"/>;
/// <see cref="Process"/> allocates nothing. Not thread-safe: one stream, one caller at a time.
/// </para>
/// </remarks>
public sealed class AudioResampler : IDisposable
{
    // Input samples per channel converted to float and filtered per step: bounds the working buffers whatever the
    // size of the caller's chunk.
    private const int BlockSize = 1024;

    private readonly PolyphaseFilterBank? _bank;
    private readonly int _taps;
    private readonly int _interpolation;
    private readonly int _decimation;
    // Per channel, as float: the last taps - 1 input samples (the filter's history), then the block being filtered.
    private readonly float[]?[] _samples;

    // The next output sample needs input up to sample _nextIndex of the next block (counted from that block's first
    // sample) and phase _phase: together the position k * M - (input consumed) * L written as _nextIndex * L + _phase.
    private int _nextIndex;
    private int _phase;
    private bool _disposed;

    /// <summary>Creates a resampler for one stream.</summary>
    /// <param name="inputRate">Samples per second of the input, 8,000 to 192,000.</param>
    /// <param name="outputRate">Samples per second of the output, 8,000 to 192,000.</param>
    /// <param name="channels">1 (mono) or 2 (stereo, interleaved L R).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    /// <exception cref="ArgumentException">The two rates reduce to a ratio with a factor above 4096.</exception>
    public AudioResampler(int inputRate, int outputRate, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputRate, 192_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputRate, 192_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);

        InputRate = inputRate;
        OutputRate = outputRate;
        Channels = channels;
        _samples = new float[]?[channels];
        if (inputRate == outputRate)
        {
            _interpolation = _decimation = 1;
            return;
        }

        _bank = PolyphaseFilterBank.For(inputRate, outputRate);
        _taps = _bank.TapsPerPhase;
        _interpolation = _bank.Interpolation;
        _decimation = _bank.Decimation;
        for (int c = 0; c < channels; c++)
        {
            _samples[c] = ArrayPool<float>.Shared.Rent(_taps - 1 + BlockSize);
        }

        Reset();
    }

    /// <summary>Samples per second of each input channel.</summary>
    public int InputRate { get; }

    /// <summary>Samples per second of each output channel.</summary>
    public int OutputRate { get; }

    /// <summary>1 (mono) or 2 (stereo).</summary>
    public int Channels { get; }

    /// <summary>
    /// How far the output lags the input: the filter's group delay (zero when the rates are equal). A tone that enters
    /// at input time t leaves at output time t + Delay.
    /// </summary>
    public TimeSpan Delay => _bank is null
        ? TimeSpan.Zero
        : TimeSpan.FromTicks((long)Math.Round(_bank.CenterTap * (double)TimeSpan.TicksPerSecond / ((double)_interpolation * InputRate)));

    /// <summary>
    /// How many output samples per channel the next <see cref="Process"/> call produces from
    /// <paramref name="inputSamplesPerChannel"/> input samples per channel: size the output span with it (times
    /// <see cref="Channels"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSamplesPerChannel"/> is negative.</exception>
    public int GetOutputLength(int inputSamplesPerChannel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputSamplesPerChannel);
        return OutputsBefore((long)inputSamplesPerChannel * _interpolation);
    }

    /// <summary>How many output samples per channel <see cref="Flush"/> produces now.</summary>
    public int GetFlushLength() => _bank is null ? 0 : OutputsBefore(_bank.CenterTap);

    /// <summary>
    /// Resamples <paramref name="input"/> (interleaved, a whole number of samples per channel) into
    /// <paramref name="output"/>, continuing from the previous call.
    /// </summary>
    /// <returns>Output samples written per channel: <see cref="GetOutputLength"/> of the input's samples per channel.</returns>
    /// <exception cref="ArgumentException">
    /// The input is not a whole number of samples per channel, or <paramref name="output"/> is shorter than
    /// <see cref="GetOutputLength"/> times <see cref="Channels"/>.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The resampler was disposed.</exception>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (input.Length % Channels != 0)
        {
            throw new ArgumentException($"{input.Length} samples are not a whole number of {Channels}-channel samples.", nameof(input));
        }

        int frames = input.Length / Channels;
        int expected = GetOutputLength(frames);
        if (output.Length < expected * Channels)
        {
            throw new ArgumentException($"The output holds {output.Length} samples; {expected * Channels} are needed (GetOutputLength).", nameof(output));
        }

        if (_bank is null)
        {
            input.CopyTo(output);
            return frames;
        }

        int written = 0;
        for (int start = 0; start < frames; start += BlockSize)
        {
            int block = Math.Min(BlockSize, frames - start);
            Deinterleave(input.Slice(start * Channels, block * Channels), block);
            written += FilterBlock(block, output[(written * Channels)..], int.MaxValue);
        }

        return written;
    }

    /// <summary>
    /// Ends the stream: writes the <see cref="GetFlushLength"/> samples per channel still inside the filter (the last
    /// <see cref="Delay"/> of audio), then resets, so the resampler can start a new stream.
    /// </summary>
    /// <returns>Output samples written per channel.</returns>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <see cref="GetFlushLength"/> times <see cref="Channels"/>.</exception>
    /// <exception cref="ObjectDisposedException">The resampler was disposed.</exception>
    public int Flush(Span<short> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int remaining = GetFlushLength();
        if (output.Length < remaining * Channels)
        {
            throw new ArgumentException($"The output holds {output.Length} samples; {remaining * Channels} are needed (GetFlushLength).", nameof(output));
        }

        int written = 0;
        while (written < remaining)
        {
            // Silence after the end pushes the last real samples through the filter's centre.
            for (int c = 0; c < Channels; c++)
            {
                _samples[c].AsSpan(_taps - 1, BlockSize).Clear();
            }

            written += FilterBlock(BlockSize, output[(written * Channels)..], remaining - written);
        }

        Reset();
        return written;
    }

    /// <summary>
    /// Resamples one frame into a new frame on pooled memory, continuing the stream. The caller owns the returned frame
    /// and disposes it; <paramref name="frame"/> stays the caller's.
    /// </summary>
    /// <param name="frame">
    /// At <see cref="InputRate"/> with <see cref="Channels"/> channels, holding at least one output sample period
    /// (<c>ceil(InputRate / OutputRate)</c> samples per channel) so that the result is not empty.
    /// </param>
    /// <exception cref="ArgumentException">The frame's rate or channel count differs, or the frame is too short.</exception>
    /// <exception cref="ObjectDisposedException">The resampler or the frame was disposed.</exception>
    public AudioFrame Resample(AudioFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.SampleRate != InputRate || frame.Channels != Channels)
        {
            throw new ArgumentException($"The frame is {frame.SampleRate} Hz with {frame.Channels} channels; this resampler takes {InputRate} Hz with {Channels}.", nameof(frame));
        }

        int length = GetOutputLength(frame.SamplesPerChannel);
        if (length == 0)
        {
            throw new ArgumentException($"A frame of {frame.SamplesPerChannel} samples is shorter than one output sample period at {OutputRate} Hz.", nameof(frame));
        }

        AudioFrame result = AudioFrame.Create(OutputRate, Channels, length);
        Process(frame.Data, result.Data);
        return result;
    }

    /// <summary>Forgets the stream so far (the filter's history), as if the resampler were new.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_bank is null)
        {
            return;
        }

        foreach (float[]? samples in _samples)
        {
            samples.AsSpan(0, _taps - 1).Clear();
        }

        _nextIndex = 0;
        _phase = 0;
    }

    /// <summary>Returns the working buffers to the pool. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (int c = 0; c < _samples.Length; c++)
        {
            if (_samples[c] is { } samples)
            {
                ArrayPool<float>.Shared.Return(samples);
                _samples[c] = null;
            }
        }
    }

    // Outputs whose input position k * M falls before `limit` (in virtual samples past the input consumed so far).
    private int OutputsBefore(long limit)
    {
        long remaining = limit - ((long)_nextIndex * _interpolation + _phase);
        return remaining <= 0 ? 0 : (int)((remaining + _decimation - 1) / _decimation);
    }

    private void Deinterleave(ReadOnlySpan<short> input, int block)
    {
        if (Channels == 1)
        {
            Span<float> target = _samples[0].AsSpan(_taps - 1, block);
            for (int n = 0; n < block; n++)
            {
                target[n] = input[n];
            }

            return;
        }

        Span<float> left = _samples[0].AsSpan(_taps - 1, block);
        Span<float> right = _samples[1].AsSpan(_taps - 1, block);
        for (int n = 0; n < block; n++)
        {
            left[n] = input[2 * n];
            right[n] = input[2 * n + 1];
        }
    }

    // Filters the `block` samples per channel that sit after the history, writes at most `limit` outputs, then keeps
    // the last taps - 1 input samples as the history of the next block.
    private int FilterBlock(int block, Span<short> output, int limit)
    {
        ReadOnlySpan<float> coefficients = _bank!.Coefficients.Span;
        int taps = _taps;
        int step = _decimation / _interpolation;
        int stepPhase = _decimation % _interpolation;
        int written = 0;
        while (_nextIndex < block && written < limit)
        {
            ReadOnlySpan<float> row = coefficients.Slice(_phase * taps, taps);
            for (int c = 0; c < Channels; c++)
            {
                // Window of the input samples _nextIndex - taps + 1 .. _nextIndex: history first, then this block.
                float value = Dot(row, _samples[c].AsSpan(_nextIndex, taps));
                output[written * Channels + c] = ToSample(value);
            }

            written++;
            _nextIndex += step;
            _phase += stepPhase;
            if (_phase >= _interpolation)
            {
                _phase -= _interpolation;
                _nextIndex++;
            }
        }

        if (written == limit)
        {
            return written;
        }

        _nextIndex -= block;
        for (int c = 0; c < Channels; c++)
        {
            float[] samples = _samples[c]!;
            Array.Copy(samples, block, samples, 0, taps - 1);
        }

        return written;
    }

    private static short ToSample(float value)
    {
        float rounded = MathF.Round(value);
        return rounded >= short.MaxValue ? short.MaxValue : rounded <= short.MinValue ? short.MinValue : (short)rounded;
    }

    // Sum of a[i] * b[i]. The order of the additions depends only on the lengths, never on where the spans start, so the
    // same samples give the same result bit for bit whichever chunk they arrived in.
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int length = a.Length;
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && length >= 2 * Vector<float>.Count)
        {
            ref float aStart = ref MemoryMarshal.GetReference(a);
            ref float bStart = ref MemoryMarshal.GetReference(b);
            Vector<float> first = Vector<float>.Zero;
            Vector<float> second = Vector<float>.Zero;
            int width = Vector<float>.Count;
            for (; i <= length - 2 * width; i += 2 * width)
            {
                first += Vector.LoadUnsafe(ref aStart, (nuint)i) * Vector.LoadUnsafe(ref bStart, (nuint)i);
                second += Vector.LoadUnsafe(ref aStart, (nuint)(i + width)) * Vector.LoadUnsafe(ref bStart, (nuint)(i + width));
            }

            sum = Vector.Sum(first + second);
        }

        for (; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
