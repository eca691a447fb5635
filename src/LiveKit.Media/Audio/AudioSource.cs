using System;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Media.Audio;

/// <summary>
/// Where an application's audio enters a published track: it captures frames into a bounded queue, and the track's
/// sender takes them out at the media clock's pace (10 ms at a time).
/// </summary>
/// <remarks>
/// <para>
/// The queue holds at most <see cref="QueueSizeMs"/> of audio. <see cref="CaptureFrameAsync"/> copies the frame in
/// and completes at once while there is room (the frame stays the caller's); when the queue is full it waits until the
/// sender has taken enough, so a producer faster than real time is slowed to it and the queue never grows. Frames must
/// last a multiple of 10 ms (the sender's step; Opus frames are 10 or 20 ms).
/// </para>
/// <para>Thread-safe: several producers may capture; their frames queue in the order their calls take the lock.</para>
/// </remarks>
public sealed class AudioSource : IDisposable
{
    private readonly Lock _gate = new();
    private readonly short[] _ring;
    private int _start;
    private int _count;
    private TaskCompletionSource? _space;
    private bool _disposed;

    /// <summary>Creates a source of <paramref name="channels"/>-channel PCM at <paramref name="sampleRate"/>.</summary>
    /// <param name="sampleRate">Samples per second, 8,000 to 192,000, a whole number of them in 10 ms (44,100 and 48,000 are);
    /// rates Opus does not encode (8, 12, 16, 24, 48 kHz) are resampled to 48 kHz by the sender.</param>
    /// <param name="channels">1 (mono) or 2 (stereo, interleaved).</param>
    /// <param name="queueSizeMs">How much audio may wait for the sender, in ms (a multiple of 10, at least 10).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not one of those allowed.</exception>
    public AudioSource(int sampleRate, int channels, int queueSizeMs = 1000)
    {
        if (sampleRate is < 8_000 or > 192_000 || sampleRate % 100 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be 8000 to 192000 Hz and hold a whole number of samples in 10 ms (e.g. 16000, 44100, 48000).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        if (queueSizeMs < 10 || queueSizeMs % 10 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(queueSizeMs), queueSizeMs, "The queue size must be a multiple of 10 ms, at least 10.");
        }

        SampleRate = sampleRate;
        Channels = channels;
        QueueSizeMs = queueSizeMs;
        _ring = new short[sampleRate / 1000 * queueSizeMs * channels];
    }

    /// <summary>Samples per second of each channel.</summary>
    public int SampleRate { get; }

    /// <summary>1 (mono) or 2 (stereo).</summary>
    public int Channels { get; }

    /// <summary>How much audio the queue holds at most, in ms.</summary>
    public int QueueSizeMs { get; }

    /// <summary>How much audio waits for the sender now.</summary>
    public TimeSpan QueuedDuration
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks((long)_count / Channels * TimeSpan.TicksPerSecond / SampleRate);
            }
        }
    }

    /// <summary>Samples (all channels) in 10 ms: the sender's step.</summary>
    internal int SamplesPer10Ms => SampleRate / 100 * Channels;

    /// <summary>
    /// Queues a copy of <paramref name="frame"/>'s samples. Completes at once when the queue has room, otherwise when the
    /// sender has made room. The frame stays the caller's (dispose it, or reuse it for the next capture).
    /// </summary>
    /// <param name="frame">Audio at this source's rate and channel count, lasting a multiple of 10 ms and at most the queue size.</param>
    /// <param name="cancellationToken">Stops waiting for room; nothing of the frame is queued then.</param>
    /// <exception cref="ArgumentException">The frame's format or length does not fit this source.</exception>
    /// <exception cref="ObjectDisposedException">The source was disposed.</exception>
    public ValueTask CaptureFrameAsync(AudioFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.SampleRate != SampleRate || frame.Channels != Channels)
        {
            throw new ArgumentException($"The frame is {frame.SampleRate} Hz x {frame.Channels}; this source takes {SampleRate} Hz x {Channels}.", nameof(frame));
        }

        int samples = frame.Data.Length;
        if (samples % SamplesPer10Ms != 0)
        {
            throw new ArgumentException($"The frame lasts {frame.Duration.TotalMilliseconds:0.##} ms; frames must last a multiple of 10 ms.", nameof(frame));
        }

        if (samples > _ring.Length)
        {
            throw new ArgumentException($"The frame lasts {frame.Duration.TotalMilliseconds:0.##} ms, more than the queue's {QueueSizeMs} ms.", nameof(frame));
        }

        Task? wait = TryEnqueue(frame.Data);
        return wait is null ? ValueTask.CompletedTask : new ValueTask(CaptureSlowAsync(frame, wait, cancellationToken));
    }

    /// <summary>Drops everything queued (e.g. when the user interrupts an agent's speech); waiting captures go on.</summary>
    public void ClearQueue()
    {
        TaskCompletionSource? space;
        lock (_gate)
        {
            _start = 0;
            _count = 0;
            space = _space;
            _space = null;
        }

        space?.TrySetResult();
    }

    /// <summary>Stops the source: waiting captures fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        TaskCompletionSource? space;
        lock (_gate)
        {
            _disposed = true;
            space = _space;
            _space = null;
        }

        space?.TrySetResult();
    }

    /// <summary>
    /// Takes exactly <paramref name="destination"/>'s length of samples when that many are queued (the sender's step);
    /// false, taking nothing, otherwise.
    /// </summary>
    internal bool TryRead(Span<short> destination)
    {
        TaskCompletionSource? space;
        lock (_gate)
        {
            if (_count < destination.Length)
            {
                return false;
            }

            int first = Math.Min(destination.Length, _ring.Length - _start);
            _ring.AsSpan(_start, first).CopyTo(destination);
            _ring.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
            _start = (_start + destination.Length) % _ring.Length;
            _count -= destination.Length;
            space = _space;
            _space = null;
        }

        space?.TrySetResult();
        return true;
    }

    /// <summary>Copies the samples in when they fit; otherwise returns a task that completes when room was made.</summary>
    private Task? TryEnqueue(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ring.Length - _count < samples.Length)
            {
                _space ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _space.Task;
            }

            int end = (_start + _count) % _ring.Length;
            int first = Math.Min(samples.Length, _ring.Length - end);
            samples[..first].CopyTo(_ring.AsSpan(end));
            samples[first..].CopyTo(_ring);
            _count += samples.Length;
            return null;
        }
    }

    private async Task CaptureSlowAsync(AudioFrame frame, Task wait, CancellationToken cancellationToken)
    {
        for (Task? next = wait; next is not null; next = TryEnqueue(frame.Data))
        {
            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
