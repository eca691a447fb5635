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
/// <item><b>OpusDecode</b> (baseline): <see cref="OpusDecoder.Decode"/> of each payload into a reused array.</item>
/// <item><b>StreamSteps</b>: AudioStream's per-packet work on one thread, with nothing in between: the packet
/// received as <see cref="AudioRtpFeed"/> does it (pooled buffer, parse, statistics, the receiver's bounded channel),
/// taken from that channel, the sequence check, decode into a scratch array, <see cref="AudioFrame.CopyOf"/>, a
/// bounded DropOldest channel like the stream's (write, read), then the frame and the packet disposed: the CPU cost of
/// the steps without thread hand-offs.</item>
/// <item><b>AudioStreamBatched</b>: the real <see cref="AudioStream"/> on a <see cref="AudioRtpFeed"/> track: 50
/// packets delivered, then 50 frames read with <c>await foreach</c>'s enumerator and disposed. The decode loop runs on
/// its own thread-pool task, as in a room; the hand-offs are amortized over the burst.</item>
/// <item><b>AudioStreamOneByOne</b>: the same, one packet delivered and its frame awaited at a time, as packets come
/// every 20 ms in a call: each packet wakes the stream's decode loop and then the reader (two thread-pool hand-offs,
/// whose latency is wall time here, not CPU).</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/LiveKit.Benchmarks -- --filter '*AudioReceivePath*'</c>.
/// </summary>
[MemoryDiagnoser]
public class AudioReceivePathBenchmarks
{
    private const int Packets = 50;

    private byte[][] _payloads = null!;

    private OpusDecoder _rawDecoder = null!;
    private short[] _rawPcm = null!;

    private AudioRtpFeed _stepsFeed = null!;
    private OpusDecoder _stepsDecoder = null!;
    private short[] _stepsPcm = null!;
    private Channel<AudioFrame> _stepsFrames = null!;
    private ushort? _stepsExpected;
    private long _stepsDropped;

    private AudioRtpFeed _batchedFeed = null!;
    private AudioStream _batchedStream = null!;
    private IAsyncEnumerator<AudioFrameEvent> _batchedFrames = null!;

    private AudioRtpFeed _oneByOneFeed = null!;
    private AudioStream _oneByOneStream = null!;
    private IAsyncEnumerator<AudioFrameEvent> _oneByOneFrames = null!;

    /// <summary>The rate the packets are decoded to (the stream's and the baseline decoder's).</summary>
    [Params(48_000, 16_000)]
    public int SampleRate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payloads = AudioOpusPackets.Create(Packets);

        _rawDecoder = new OpusDecoder(SampleRate, 1);
        _rawPcm = new short[_rawDecoder.MaxFrameSamplesPerChannel];

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

        _batchedFeed = new AudioRtpFeed(_payloads);
        _batchedStream = new AudioStream(_batchedFeed.Track, SampleRate, 1);
        _batchedFrames = _batchedStream.GetAsyncEnumerator();

        _oneByOneFeed = new AudioRtpFeed(_payloads);
        _oneByOneStream = new AudioStream(_oneByOneFeed.Track, SampleRate, 1);
        _oneByOneFrames = _oneByOneStream.GetAsyncEnumerator();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _batchedFrames.DisposeAsync();
        await _oneByOneFrames.DisposeAsync();
        long dropped = _batchedStream.FramesDropped + _oneByOneStream.FramesDropped + _stepsDropped;
        long concealed = _batchedStream.FramesConcealed + _oneByOneStream.FramesConcealed;
        await _batchedStream.DisposeAsync();
        await _oneByOneStream.DisposeAsync();
        _rawDecoder.Dispose();
        _stepsDecoder.Dispose();

        // A frame dropped or concealed would mean the variants did not all decode the same packets.
        if (dropped != 0 || concealed != 0)
        {
            throw new InvalidOperationException($"{dropped} frames dropped, {concealed} concealed: the measurement is not of the same work.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets)]
    public int OpusDecode()
    {
        int samples = 0;
        foreach (byte[] payload in _payloads)
        {
            samples += _rawDecoder.Decode(payload, _rawPcm);
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
    public async Task<int> AudioStreamBatched()
    {
        for (int i = 0; i < Packets; i++)
        {
            _batchedFeed.DeliverNext();
        }

        int samples = 0;
        for (int i = 0; i < Packets; i++)
        {
            // Inline, not in a helper: a helper async method would box its state machine at each suspension, and
            // MemoryDiagnoser would charge that to the stream.
            if (!await _batchedFrames.MoveNextAsync())
            {
                throw new InvalidOperationException("The stream ended.");
            }

            using AudioFrame frame = _batchedFrames.Current.Frame;
            samples += frame.SamplesPerChannel;
        }

        return samples;
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public async Task<int> AudioStreamOneByOne()
    {
        int samples = 0;
        for (int i = 0; i < Packets; i++)
        {
            _oneByOneFeed.DeliverNext();
            if (!await _oneByOneFrames.MoveNextAsync())
            {
                throw new InvalidOperationException("The stream ended.");
            }

            using AudioFrame frame = _oneByOneFrames.Current.Frame;
            samples += frame.SamplesPerChannel;
        }

        return samples;
    }
}
