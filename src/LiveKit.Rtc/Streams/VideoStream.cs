using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Media.Codecs.Vp8;
using LiveKit.Media.Packetization;
using LiveKit.Media.Video;
using LiveKit.WebRtc;

namespace LiveKit.Rtc;

/// <summary>
/// The decoded frames of a subscribed remote video track, pulled with <c>await foreach</c>: VP8 RTP packets assembled
/// into frames (RFC 7741), decoded by libvpx and converted to the format asked for. A gap in the packets is asked for
/// again (NACK) while it can still be used; after a loss that was not repaired or a frame that does not decode, delta
/// frames are skipped and a key frame is asked for (PLI, at most every 300 ms) until one arrives.
/// </summary>
/// <remarks>
/// A reader slower than the video fills only this stream's buffer of <c>capacity</c> frames; then the oldest is
/// dropped (disposed, counted in <see cref="FramesDropped"/>). Each frame belongs to the reader, who disposes it. One
/// stream per track at a time.
/// </remarks>
public sealed class VideoStream : IAsyncEnumerable<VideoFrameEvent>, IAsyncDisposable
{
    /// <summary>Frames held for a slow reader by default: video is worth the newest frame, not a queue.</summary>
    public const int DefaultCapacity = 2;

    private static readonly TimeSpan KeyFrameRequestInterval = TimeSpan.FromMilliseconds(300);

    // The assembler holds 16 packets for reordering: a NACK for more could not be used.
    private const int MaxNackedPackets = Vp8FrameAssembler.DefaultReorderWindow;

    private readonly RtpReceiver _receiver;
    private readonly Channel<VideoFrameEvent> _frames;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _dropped;
    private long _keyFrameRequests;
    private long _nacked;

    /// <summary>Starts decoding <paramref name="track"/>'s video.</summary>
    /// <param name="track">A subscribed remote video track.</param>
    /// <param name="format">The format of the frames handed out.</param>
    /// <param name="capacity">Frames held for a slow reader before the oldest is dropped.</param>
    /// <exception cref="ArgumentException">The track is not video, or the capacity is below 1.</exception>
    public VideoStream(RemoteTrack track, VideoFormat format = VideoFormat.I420, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (track.Kind != TrackKind.Video)
        {
            throw new ArgumentException($"{track} is a {track.Kind} track; a VideoStream reads video.", nameof(track));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Format = format;
        _receiver = track.Transceiver.Receiver;
        _frames = Channel.CreateBounded<VideoFrameEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            dropped =>
            {
                dropped.Frame.Dispose();
                Interlocked.Increment(ref _dropped);
            });
        _loop = Task.Run(DecodeAsync);
    }

    /// <summary>The format of the frames.</summary>
    public VideoFormat Format { get; }

    /// <summary>Frames dropped because the reader fell more than the capacity behind.</summary>
    public long FramesDropped => Interlocked.Read(ref _dropped);

    /// <summary>Key frames asked of the sender (PLI) after losses or undecodable frames.</summary>
    public long KeyFramesRequested => Interlocked.Read(ref _keyFrameRequests);

    /// <summary>Packets asked for again (NACK) after a gap in the sequence numbers.</summary>
    public long PacketsNacked => Interlocked.Read(ref _nacked);

    /// <summary>The decoded frames, in order; ends when the stream is disposed or the track's connection closes.</summary>
    public async IAsyncEnumerator<VideoFrameEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (await _frames.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_frames.Reader.TryRead(out VideoFrameEvent e))
            {
                yield return e;
            }
        }
    }

    /// <summary>Stops decoding; frames not read yet are disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        while (_frames.Reader.TryRead(out VideoFrameEvent e))
        {
            e.Frame.Dispose();
        }

        _stop.Dispose();
    }

    private async Task DecodeAsync()
    {
        var assembler = new Vp8FrameAssembler();
        using var decoder = new Vp8Decoder();
        long lastRequest = 0;
        uint? firstTimestamp = null;
        ushort? highest = null;
        ushort[] missing = new ushort[MaxNackedPackets];
        try
        {
            await foreach (ReceivedRtpPacket packet in _receiver.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                using (packet)
                {
                    highest = RequestMissing(packet.SequenceNumber, highest, missing);
                    assembler.Push(packet.SequenceNumber, packet.Timestamp, packet.Marker, packet.Payload.Span);
                    while (assembler.TryReadFrame(out Vp8EncodedFrame encoded))
                    {
                        firstTimestamp ??= encoded.Timestamp;
                        long timestampUs = (long)(uint)(encoded.Timestamp - firstTimestamp.Value) * 1_000_000 / Vp8Encoder.ClockRate;
                        if (Decode(decoder, encoded.Data, timestampUs) is Vp8DecodeStatus.Corrupt or Vp8DecodeStatus.KeyFrameRequired)
                        {
                            assembler.RequireKeyFrame();
                        }
                    }

                    if (assembler.NeedsKeyFrame && Stopwatch.GetElapsedTime(lastRequest) >= KeyFrameRequestInterval)
                    {
                        lastRequest = Stopwatch.GetTimestamp();
                        if (_receiver.RequestKeyFrame())
                        {
                            Interlocked.Increment(ref _keyFrameRequests);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    /// <summary>
    /// A packet past a gap: ask the sender for the packets in between (generic NACK, RFC 4585 §6.2.1) while the
    /// assembler's reorder window can still take them; a gap wider than that is left to a key frame.
    /// </summary>
    private ushort RequestMissing(ushort sequence, ushort? highest, ushort[] missing)
    {
        if (highest is not ushort last)
        {
            return sequence;
        }

        int ahead = (ushort)(sequence - last);
        if (ahead == 0 || ahead >= 0x8000)
        {
            return last;
        }

        if (ahead > 1 && ahead - 1 <= MaxNackedPackets)
        {
            int count = ahead - 1;
            for (int i = 0; i < count; i++)
            {
                missing[i] = (ushort)(last + 1 + i);
            }

            if (_receiver.RequestRetransmission(missing.AsSpan(0, count)))
            {
                Interlocked.Add(ref _nacked, count);
            }
        }

        return sequence;
    }

    private Vp8DecodeStatus Decode(Vp8Decoder decoder, ReadOnlySpan<byte> encoded, long timestampUs)
    {
        Vp8DecodeStatus status = decoder.Decode(encoded, out Vp8DecodedImage image);
        if (status != Vp8DecodeStatus.Decoded)
        {
            return status;
        }

        VideoFrame frame = VideoFrame.Create(image.Width, image.Height, VideoFormat.I420);
        VideoPlane y = frame.GetPlane(0);
        VideoPlane u = frame.GetPlane(1);
        VideoPlane v = frame.GetPlane(2);
        image.CopyTo(y.Data, y.Stride, u.Data, u.Stride, v.Data, v.Stride);
        frame.Timestamp = TimeSpan.FromMicroseconds(timestampUs);
        if (Format != VideoFormat.I420)
        {
            VideoFrame converted = frame.ConvertTo(Format);
            frame.Dispose();
            frame = converted;
        }

        _frames.Writer.TryWrite(new VideoFrameEvent(frame, timestampUs));
        return status;
    }
}
