using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;

namespace LiveKit.Media.Audio;

/// <summary>
/// A frame of interleaved 16-bit PCM: <see cref="SamplesPerChannel"/> samples for each of <see cref="Channels"/>
/// channels at <see cref="SampleRate"/>, on pooled memory.
/// </summary>
/// <remarks>
/// Ownership: whoever holds a frame owns it until it calls <see cref="Dispose"/>, which returns the frame with its
/// samples to a small pool of frames (so a stream hands out frames without allocating); after that the frame must not
/// be touched, as an array returned to an <see cref="ArrayPool{T}"/> (until it is reused, <see cref="Data"/> throws).
/// A pooled frame keeps its own sample array (up to 100 ms of 48 kHz stereo; longer frames rent from
/// <see cref="ArrayPool{T}.Shared"/>): frames are made on one thread and disposed on the readers' threads, which the
/// shared pool's per-thread caches do not keep up with when a hundred frames are in flight. A frame received from a stream belongs to the reader, who disposes it; a frame passed
/// to a source's capture is copied there and stays the caller's. Not thread-safe: one owner at a time.
/// </remarks>
public sealed class AudioFrame : IDisposable
{
    // Frames kept for reuse: enough for a few streams' buffers; beyond that a disposed frame is left to the GC.
    private const int PoolLimit = 256;
    private static readonly ConcurrentQueue<AudioFrame> s_pool = new();
    private static int s_pooled;

    // The longest sample array a pooled frame keeps as its own: 100 ms of 48 kHz stereo.
    private const int KeptSamples = 9_600;

    private short[]? _buffer;
    private short[]? _kept;

    private AudioFrame()
    {
    }

    /// <summary>Samples per second of each channel (e.g. 48,000).</summary>
    public int SampleRate { get; private set; }

    /// <summary>How many channels are interleaved (1 mono, 2 stereo).</summary>
    public int Channels { get; private set; }

    /// <summary>Samples of each channel in this frame.</summary>
    public int SamplesPerChannel { get; private set; }

    /// <summary>How long the frame plays.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(SamplesPerChannel * TimeSpan.TicksPerSecond / SampleRate);

    /// <summary>The interleaved samples: <c>Channels * SamplesPerChannel</c> of them (L R L R ... for stereo).</summary>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public Span<short> Data => (_buffer ?? throw new ObjectDisposedException(nameof(AudioFrame), "The frame was disposed: its buffer went back to the pool."))
        .AsSpan(0, Channels * SamplesPerChannel);

    /// <summary>True once <see cref="Dispose"/> returned the buffer.</summary>
    public bool IsDisposed => _buffer is null;

    /// <summary>A silent frame on a pooled buffer; the caller owns it and disposes it.</summary>
    /// <param name="sampleRate">Samples per second, 8,000 to 192,000.</param>
    /// <param name="channels">1 or 2.</param>
    /// <param name="samplesPerChannel">Samples of each channel, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public static AudioFrame Create(int sampleRate, int channels, int samplesPerChannel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 192_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerChannel, 1);
        AudioFrame frame = Rent(sampleRate, channels, samplesPerChannel);
        frame.Data.Clear();
        return frame;
    }

    /// <summary>A frame whose samples hold whatever the pooled memory held: the caller writes all of them.</summary>
    private static AudioFrame Rent(int sampleRate, int channels, int samplesPerChannel)
    {
        int length = channels * samplesPerChannel;
        AudioFrame frame;
        if (s_pool.TryDequeue(out AudioFrame? pooled))
        {
            Interlocked.Decrement(ref s_pooled);
            frame = pooled;
        }
        else
        {
            frame = new AudioFrame();
        }

        short[] buffer;
        if (length <= KeptSamples)
        {
            if (frame._kept is null || frame._kept.Length < length)
            {
                frame._kept = new short[length];
            }

            buffer = frame._kept;
        }
        else
        {
            buffer = ArrayPool<short>.Shared.Rent(length);
        }

        frame._buffer = buffer;
        frame.SampleRate = sampleRate;
        frame.Channels = channels;
        frame.SamplesPerChannel = samplesPerChannel;
        return frame;
    }

    /// <summary>A frame holding a copy of <paramref name="samples"/> (interleaved); the caller owns it and disposes it.</summary>
    /// <exception cref="ArgumentException">The sample count is not a whole number of samples per channel.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside 8,000 to 192,000.</exception>
    public static AudioFrame CopyOf(ReadOnlySpan<short> samples, int sampleRate, int channels)
    {
        if (channels is < 1 or > 2 || samples.Length == 0 || samples.Length % channels != 0)
        {
            throw new ArgumentException($"{samples.Length} samples are not a whole number of {channels}-channel samples.", nameof(samples));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 192_000);
        AudioFrame frame = Rent(sampleRate, channels, samples.Length / channels);
        samples.CopyTo(frame.Data);
        return frame;
    }

    /// <summary>Returns the frame with its samples to the pool of frames. Idempotent until the frame is reused.</summary>
    public void Dispose()
    {
        short[]? buffer = _buffer;
        _buffer = null;
        if (buffer is null)
        {
            return;
        }

        if (!ReferenceEquals(buffer, _kept))
        {
            ArrayPool<short>.Shared.Return(buffer);
        }

        if (Interlocked.Increment(ref s_pooled) <= PoolLimit)
        {
            s_pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }
}
