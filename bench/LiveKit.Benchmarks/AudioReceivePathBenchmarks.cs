using System;
using System.Collections.Generic;
using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LiveKit.Media.Audio;
using LiveKit.Media.Codecs.Opus;
using LiveKit.Rtc;
using LiveKit.WebRtc;

namespace LiveKit.Benchmarks;

/// <summary>
/// The receive path of one Opus track per 20 ms packet, against raw libopus decode of the same packets in the same run
/// (the baseline): a second of speech-like audio (<see cref="AudioOpusPackets"/>, 50 packets) per invocation, the
/// result per packet (<c>OperationsPerInvoke</c>), decoded at 48 kHz and at 16 kHz (what speech-to-text wants), mono.
/// <list type="bullet">
/// <item><b>LibopusDecode</b> (baseline): libopus's <c>opus_decode</c>, called directly, of each payload into a reused
/// array.</item>
/// <item><b>DecoderDecode</b>: <see cref="OpusDecoder.Decode"/> the same way: <c>opus_decode_float</c>, the soft clip only
/// when a sample needs it, a vectorized conversion; the same samples as the baseline (tested).</item>
/// <item><b>StreamSteps</b>: AudioStream's per-packet work on one thread, with nothing in between: the packet
/// received as <see cref="AudioRtpFeed"/> does it (pooled buffer, parse, statistics, the receiver's bounded channel),
/// taken from that channel, the sequence check, decode into a scratch array, <see cref="AudioFrame.CopyOf"/>, a
/// bounded DropOldest channel like the stream's (write, read), then the frame and the packet disposed: the CPU cost of
/// the steps without thread hand-offs.</item>
/// <item><b>AudioStreamSlot</b>: the real <see cref="AudioStream"/> on a <see cref="AudioRtpFeed"/> track, stepped by hand as
/// the process's playout clock steps it every 20 ms: a packet delivered, one slot played (the packets taken from the
/// receiver into the jitter buffer, popped, decoded, the frame written), the frame read with <c>await foreach</c>'s
/// enumerator (ready, so no hand-off) and disposed. The thread hand-offs of a live stream (one clock tick for all
/// streams, one wake-up of each reader) are CPU that the <c>audio-subscribe</c> benchmark measures.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/LiveKit.Benchmarks -- --filter '*AudioReceivePath*'</c>.
/// </summary>
[MemoryDiagnoser]
public class AudioReceivePathBenchmarks
{
    private const int Packets = 50;

    private byte[][] _payloads = null!;

    private OpusDecoderHandle _rawHandle = null!;
    private OpusDecoder _decoder = null!;
    private short[] _rawPcm = null!;

    private AudioRtpFeed _stepsFeed = null!;
    private OpusDecoder _stepsDecoder = null!;
    private short[] _stepsPcm = null!;
    private Channel<AudioFrame> _stepsFrames = null!;
    private ushort? _stepsExpected;
    private long _stepsDropped;

    private AudioRtpFeed _streamFeed = null!;
    private AudioStream _stream = null!;
    private IAsyncEnumerator<AudioFrameEvent> _streamFrames = null!;

    /// <summary>The rate the packets are decoded to (the stream's and the baseline decoder's).</summary>
    [Params(48_000, 16_000)]
    public int SampleRate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payloads = AudioOpusPackets.Create(Packets);

        _rawHandle = OpusNative.DecoderCreate(SampleRate, 1, out _);
        _decoder = new OpusDecoder(SampleRate, 1);
        _rawPcm = new short[_decoder.MaxFrameSamplesPerChannel];

        _stepsFeed = new AudioRtpFeed(_payloads);
        _stepsDecoder = new OpusDecoder(SampleRate, 1);
        _stepsPcm = new short[_stepsDecoder.MaxFrameSamplesPerChannel];
        _stepsFrames = Channel.CreateBounded<AudioFrame>(
            new BoundedChannelOptions(AudioStream.DefaultCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            dropped =>
            {
                dropped.Dispose();
                _stepsDropped++;
            });

        _streamFeed = new AudioRtpFeed(_payloads);
        _stream = new AudioStream(_streamFeed.Track, SampleRate, 1, AudioStream.DefaultCapacity, clock: null);
        _streamFrames = _stream.GetAsyncEnumerator();
        // Primed past the jitter buffer's 60 ms target: from then on each slot finds the packet delivered before it.
        const int Primed = 5;
        for (int i = 0; i < Primed; i++)
        {
            _streamFeed.DeliverNext();
        }

        _stream.Play(Primed);
        for (int i = 0; i < Primed; i++)
        {
            if (!_streamFrames.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("The stream ended.");
            }

            _streamFrames.Current.Frame.Dispose();
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _streamFrames.DisposeAsync();
        long dropped = _stream.FramesDropped + _stepsDropped;
        long concealed = _stream.FramesConcealed;
        await _stream.DisposeAsync();
        _rawHandle.Dispose();
        _decoder.Dispose();
        _stepsDecoder.Dispose();

        // A frame dropped or concealed would mean the variants did not all decode the same packets.
        if (dropped != 0 || concealed != 0)
        {
            throw new InvalidOperationException($"{dropped} frames dropped, {concealed} concealed: the measurement is not of the same work.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets)]
    public unsafe int LibopusDecode()
    {
        int samples = 0;
        fixed (short* pcm = _rawPcm)
        {
            foreach (byte[] payload in _payloads)
            {
                fixed (byte* data = payload)
                {
                    samples += OpusNative.Decode(_rawHandle, data, payload.Length, pcm, _rawPcm.Length, 0);
                }
            }
        }

        return samples;
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public int DecoderDecode()
    {
        int samples = 0;
        foreach (byte[] payload in _payloads)
        {
            samples += _decoder.Decode(payload, _rawPcm);
        }

        return samples;
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public int StreamSteps()
    {
        int samples = 0;
        ChannelReader<ReceivedRtpPacket> packets = _stepsFeed.Receiver.Packets;
        for (int i = 0; i < Packets; i++)
        {
            _stepsFeed.DeliverNext();
            if (!packets.TryRead(out ReceivedRtpPacket? packet))
            {
                throw new InvalidOperationException("The delivered packet is not in the receiver's queue.");
            }

            using (packet)
            {
                // AudioStream.DecodeAsync's order check (every packet is in order here: no concealment).
                if (_stepsExpected is ushort next && (ushort)(packet.SequenceNumber - next) >= 0x8000)
                {
                    continue;
                }

                _stepsExpected = (ushort)(packet.SequenceNumber + 1);
                int decoded = _stepsDecoder.Decode(packet.Payload.Span, _stepsPcm);
                _stepsFrames.Writer.TryWrite(AudioFrame.CopyOf(_stepsPcm.AsSpan(0, decoded), SampleRate, 1));
            }

            if (_stepsFrames.Reader.TryRead(out AudioFrame? frame))
            {
                samples += frame.SamplesPerChannel;
                frame.Dispose();
            }
        }

        return samples;
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public async Task<int> AudioStreamSlot()
    {
        int samples = 0;
        for (int i = 0; i < Packets; i++)
        {
            _streamFeed.DeliverNext();
            _stream.Play(1);
            // Inline, not in a helper: a helper async method would box its state machine at each suspension, and
            // MemoryDiagnoser would charge that to the stream.
            if (!await _streamFrames.MoveNextAsync())
            {
                throw new InvalidOperationException("The stream ended.");
            }

            using AudioFrame frame = _streamFrames.Current.Frame;
            samples += frame.SamplesPerChannel;
        }

        return samples;
    }
}
