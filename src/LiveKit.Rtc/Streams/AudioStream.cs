using System;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Media.Audio;
using LiveKit.Media.Codecs.Opus;
using LiveKit.WebRtc;

namespace LiveKit.Rtc;

/// <summary>
/// The decoded audio of a subscribed remote track, pulled with <c>await foreach</c>: Opus packets through a jitter
/// buffer (reordered, duplicates and late packets dropped, 60 ms target delay adapting to the measured jitter), played
/// out every 20 ms by the process's one audio clock (<see cref="AudioPlayoutClock"/>, shared by all streams so that
/// many tracks cost one wake-up per 20 ms, not one per packet), losses concealed (in-band FEC when the next packet
/// carries it, libopus concealment otherwise), decoded at the rate and channel count asked for.
/// </summary>
/// <remarks>
/// A reader slower than real time fills only this stream's buffer of <c>capacity</c> frames; then the oldest frame is
/// dropped (and disposed) for each new one, counted in <see cref="FramesDropped"/>: the network loop and other tracks
/// never wait for it. Each frame belongs to the reader, who disposes it. One stream per track at a time.
/// </remarks>
public sealed class AudioStream : IAsyncEnumerable<AudioFrameEvent>, IAsyncDisposable
{
    /// <summary>Frames the stream holds for a slow reader by default: one second of 20 ms frames.</summary>
    public const int DefaultCapacity = 50;

    private readonly RtpReceiver _receiver;
    private readonly AudioJitterBuffer _jitter = new();
    private readonly Channel<AudioFrame> _frames;
    private readonly Queue<AudioFrame> _ready = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly AudioPlayoutClock? _clock;
    private readonly int _decodeRate;
    private readonly OpusDecoder _decoder;
    private readonly AudioResampler? _resampler;
    private readonly short[] _pcm;
    private readonly short[] _resampled;
    private bool _ended;
    private bool _disposed;
    private long _dropped;
    private long _concealed;
    private int _claimed;

    /// <summary>Starts decoding <paramref name="track"/>'s audio.</summary>
    /// <param name="track">A subscribed remote audio track.</param>
    /// <param name="sampleRate">The rate of the frames, 8,000 to 192,000: libopus decodes straight to 8, 12, 16, 24 and 48 kHz;
    /// other rates (44.1 kHz...) are resampled from 48 kHz.</param>
    /// <param name="channels">1 (stereo is mixed down by the decoder) or 2.</param>
    /// <param name="capacity">Frames held for a slow reader before the oldest is dropped.</param>
    /// <exception cref="ArgumentException">The track is not audio, or a value is out of range.</exception>
    /// <exception cref="DllNotFoundException">libopus is not installed (the message names the Debian package).</exception>
    public AudioStream(RemoteTrack track, int sampleRate = 48_000, int channels = 1, int capacity = DefaultCapacity)
        : this(track, sampleRate, channels, capacity, AudioPlayoutClock.Shared)
    {
    }

    /// <summary>A stream played by <paramref name="clock"/>, or, when it is null, by whoever calls <see cref="Play"/>
    /// (benchmarks and tests that step the playout by hand).</summary>
    internal AudioStream(RemoteTrack track, int sampleRate, int channels, int capacity, AudioPlayoutClock? clock)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (track.Kind != TrackKind.Audio)
        {
            throw new ArgumentException($"{track} is a {track.Kind} track; an AudioStream reads audio.", nameof(track));
        }

        if (sampleRate is < 8_000 or > 192_000)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The rate must be 8000 to 192000 Hz.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        SampleRate = sampleRate;
        Channels = channels;
        _receiver = track.Transceiver.Receiver;
        _frames = Channel.CreateBounded<AudioFrame>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            dropped =>
            {
                dropped.Dispose();
                Interlocked.Increment(ref _dropped);
            });
        _decodeRate = OpusFormat.IsSupportedSampleRate(sampleRate) ? sampleRate : 48_000;
        _decoder = new OpusDecoder(_decodeRate, channels);
        _resampler = _decodeRate == sampleRate ? null : new AudioResampler(_decodeRate, sampleRate, channels);
        _pcm = new short[_decoder.MaxFrameSamplesPerChannel * channels];
        _resampled = _resampler is null ? Array.Empty<short>() : new short[_resampler.GetOutputLength(_decoder.MaxFrameSamplesPerChannel) * channels + channels];
        _clock = clock;
        _clock?.Add(this);
    }

    /// <summary>The frames' sample rate.</summary>
    public int SampleRate { get; }

    /// <summary>The frames' channel count.</summary>
    public int Channels { get; }

    /// <summary>Frames dropped because the reader fell more than the capacity behind.</summary>
    public long FramesDropped => Interlocked.Read(ref _dropped);

    /// <summary>Frames made up for lost packets (FEC or concealment).</summary>
    public long FramesConcealed => Interlocked.Read(ref _concealed);

    /// <summary>
    /// The decoded frames, in order; ends when the stream is disposed or the track's connection closes. One reader at a
    /// time: an enumeration ended early (break) lets another start where it stopped; <see cref="AsPipeReader"/> takes
    /// the stream for good.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream is read already.</exception>
    public IAsyncEnumerator<AudioFrameEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        ClaimReader();
        return ReadFramesAsync(releaseWhenDone: true, cancellationToken);
    }

    /// <summary>
    /// The decoded audio as a byte stream of interleaved 16-bit little-endian PCM at <see cref="SampleRate"/> and
    /// <see cref="Channels"/>, for code that wants bytes (a file, a socket, a speech-to-text client). The pipe pauses
    /// the stream when 64 KiB wait unread; the stream's frame buffer then fills and drops its oldest, as for frames.
    /// Completes when the stream ends.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream is read already.</exception>
    public PipeReader AsPipeReader()
    {
        ClaimReader();
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
        _ = Task.Run(() => PumpAsync(pipe.Writer));
        return pipe.Reader;
    }

    private void ClaimReader()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
        {
            throw new InvalidOperationException("This AudioStream is read already (as frames or as a pipe); create another stream for another reader.");
        }
    }

    private async Task PumpAsync(PipeWriter writer)
    {
        try
        {
            // No token for the frames: they end when the stream is disposed (a cancelable wait would allocate per frame).
            IAsyncEnumerator<AudioFrameEvent> frames = ReadFramesAsync(releaseWhenDone: false, CancellationToken.None);
            await using var framesScope = frames.ConfigureAwait(false);
            while (await frames.MoveNextAsync().ConfigureAwait(false))
            {
                using AudioFrame frame = frames.Current.Frame;
                ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes((ReadOnlySpan<short>)frame.Data);
                if (!BitConverter.IsLittleEndian)
                {
                    throw new PlatformNotSupportedException("PCM bytes are written little-endian; this machine is big-endian.");
                }

                bytes.CopyTo(writer.GetSpan(bytes.Length));
                writer.Advance(bytes.Length);
                FlushResult flushed = await writer.FlushAsync(_stop.Token).ConfigureAwait(false);
                if (flushed.IsCompleted)
                {
                    break;
                }
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerator<AudioFrameEvent> ReadFramesAsync(bool releaseWhenDone, CancellationToken cancellationToken)
    {
        try
        {
            while (await _frames.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_frames.Reader.TryRead(out AudioFrame? frame))
                {
                    yield return new AudioFrameEvent(frame);
                }
            }
        }
        finally
        {
            if (releaseWhenDone)
            {
                Volatile.Write(ref _claimed, 0);
            }
        }
    }

    /// <summary>Stops decoding; frames not read yet are disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        _clock?.Remove(this);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_ended)
            {
                End(null);
            }

            _decoder.Dispose();
            _resampler?.Dispose();
            _jitter.Dispose();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        while (_frames.Reader.TryRead(out AudioFrame? frame))
        {
            frame.Dispose();
        }

        _stop.Dispose();
    }

    /// <summary>Plays <paramref name="slots"/> slots and hands their frames to the reader at once (stepping by hand).</summary>
    internal void Play(int slots)
    {
        Decode(slots);
        Deliver();
    }

    /// <summary>
    /// The first half of a tick: the packets that arrived go into the jitter buffer (which orders them and drops what
    /// is late), then <paramref name="slots"/> slots are played, each decoded (a lost one from the next packet's FEC or
    /// by concealment) into a frame held for <see cref="Deliver"/>.
    /// </summary>
    internal void Decode(int slots)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            try
            {
                while (_receiver.Packets.TryRead(out ReceivedRtpPacket? packet))
                {
                    using (packet)
                    {
                        // The arrival time from the network (the connection's clock is the system's, as the buffer's).
                        _jitter.Push(packet.SequenceNumber, packet.Timestamp, packet.Payload.Span, packet.ReceivedAt);
                    }
                }

                if (_receiver.Packets.Completion.IsCompleted)
                {
                    End(null);
                    return;
                }

                for (int i = 0; i < slots; i++)
                {
                    PlaySlot();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                End(e); // the reader sees it; other streams play on
            }
        }
    }

    private void PlaySlot()
    {
        if (!_jitter.TryPop(out JitterBufferPacket packet))
        {
            return;
        }

        int slotSamples = Math.Max(1, packet.Duration) * _decodeRate / 48_000;
        Span<short> slotPcm = _pcm.AsSpan(0, Math.Min(_pcm.Length, slotSamples * Channels));
        int samples;
        if (packet.Kind == JitterBufferPacketKind.Packet && !packet.Payload.IsEmpty)
        {
            samples = Decode(packet.Payload, slotPcm);
        }
        else
        {
            samples = packet.HasNext ? DecodeFecOrConceal(packet.NextPayload, slotPcm) : _decoder.DecodeLoss(slotPcm);
            Interlocked.Increment(ref _concealed);
        }

        ReadOnlySpan<short> decoded = _pcm.AsSpan(0, samples * Channels);
        Publish(_resampler is null ? decoded : _resampled.AsSpan(0, _resampler.Process(decoded, _resampled) * Channels));
    }

    /// <summary>
    /// The second half of a tick: the decoded frames go to the reader. The clock decodes every stream before it
    /// delivers to any, so the readers wake in one burst: woken one by one, 20 µs of decoding apart, the pool's idle
    /// worker spun between them (a quarter of the CPU at 100 tracks). Never blocks: a full frame buffer drops its
    /// oldest.
    /// </summary>
    internal void Deliver()
    {
        lock (_gate)
        {
            DeliverReady();
        }
    }

    private void DeliverReady()
    {
        while (_ready.TryDequeue(out AudioFrame? frame))
        {
            if (!_frames.Writer.TryWrite(frame))
            {
                frame.Dispose(); // the stream ended
            }
        }
    }

    /// <summary>Ends the frames (with <paramref name="error"/> for the reader, if any) and leaves the clock.</summary>
    private void End(Exception? error)
    {
        DeliverReady();
        _ended = true;
        _frames.Writer.TryComplete(error);
        _clock?.Remove(this);
    }

    /// <summary>Decodes a packet; one that does not decode is concealed for its slot instead.</summary>
    private int Decode(ReadOnlySpan<byte> payload, Span<short> slot)
    {
        try
        {
            return _decoder.Decode(payload, _pcm);
        }
        catch (OpusException)
        {
            Interlocked.Increment(ref _concealed);
            return _decoder.DecodeLoss(slot);
        }
    }

    private int DecodeFecOrConceal(ReadOnlySpan<byte> next, Span<short> slot)
    {
        try
        {
            return _decoder.Decode(next, slot, decodeFec: true);
        }
        catch (OpusException)
        {
            return _decoder.DecodeLoss(slot);
        }
    }

    private void Publish(ReadOnlySpan<short> samples)
    {
        if (!samples.IsEmpty)
        {
            _ready.Enqueue(AudioFrame.CopyOf(samples, SampleRate, Channels));
        }
    }
}
