using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Media.Codecs.Vp8;
using LiveKit.Media.Packetization;
using LiveKit.Media.Video;
using LiveKit.WebRtc;

namespace LiveKit.Rtc.Publishing;

/// <summary>
/// Sends a <see cref="LocalVideoTrack"/>: each frame the source hands over is encoded as VP8 (realtime settings) and
/// sent as RTP packets with the VP8 payload descriptor (RFC 7741), all with the frame's 90 kHz capture timestamp and
/// the marker on the last. A PLI or FIR from the receiver (relayed by the server) makes the next frame a key frame; a
/// NACK sends the packets it lists again from the sender's history.
/// </summary>
internal sealed class VideoTrackSender : IAsyncDisposable
{
    private readonly LocalVideoTrack _track;
    private readonly RtpSender _sender;
    private readonly Vp8Encoder _encoder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public VideoTrackSender(LocalVideoTrack track, RtpSender sender, TrackPublishOptions options)
    {
        _track = track;
        _sender = sender;
        _encoder = new Vp8Encoder(track.Source.Width, track.Source.Height, new Vp8EncoderSettings
        {
            TargetBitrateKbps = (options.VideoBitrate ?? DefaultBitrate(track.Source.Width, track.Source.Height)) / 1000,
        });
        // About a second of video at 500 kbps: what a NACK can still ask for before a key frame is the better repair.
        _sender.EnableRetransmission(512);
        _sender.FeedbackReceived += OnFeedback;
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _sender.FeedbackReceived -= OnFeedback;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _encoder.Dispose();
        _stop.Dispose();
    }

    /// <summary>About 0.1 bit per pixel at 30 fps, between 150 kbps and 2.5 Mbps (what browsers aim at for one layer).</summary>
    private static int DefaultBitrate(int width, int height) => Math.Clamp(width * height * 3, 150_000, 2_500_000);

    private void OnFeedback(RtcpFeedbackMessage feedback)
    {
        if (feedback.Kind is RtcpFeedbackKind.PictureLoss or RtcpFeedbackKind.FullIntraRequest)
        {
            _encoder.RequestKeyFrame();
        }
        else if (feedback.Kind == RtcpFeedbackKind.Nack)
        {
            foreach (ushort lost in feedback.LostSequenceNumbers)
            {
                _sender.Retransmit(lost);
            }
        }
    }

    private async Task RunAsync()
    {
        byte[] encoded = new byte[_encoder.MaxEncodedFrameBytes];
        byte[] payload = new byte[RtpSender.MaxPacketSize];
        long started = Stopwatch.GetTimestamp();
        uint timestampOffset = (uint)Random.Shared.Next();
        ushort pictureId = (ushort)Random.Shared.Next(0, 0x8000);
        try
        {
            while (true)
            {
                using VideoFrame frame = await _track.Source.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (_track.IsMuted)
                {
                    continue;
                }

                // 90 kHz media clock from capture order (RFC 7741 §4.1: the timestamp of the frame's sampling instant).
                long pts = Stopwatch.GetElapsedTime(started).Ticks * Vp8Encoder.ClockRate / TimeSpan.TicksPerSecond;
                uint timestamp = timestampOffset + (uint)pts;
                VideoPlane y = frame.GetPlane(0);
                VideoPlane u = frame.GetPlane(1);
                VideoPlane v = frame.GetPlane(2);
                int length = _encoder.Encode(y.Data, y.Stride, u.Data, u.Stride, v.Data, v.Stride, pts, forceKeyFrame: false, encoded, out _);
                if (length == 0)
                {
                    continue;
                }

                var packetizer = new Vp8Packetizer(encoded.AsSpan(0, length), pictureId, payload.Length);
                while (packetizer.TryWriteNext(payload, out int payloadLength, out bool marker))
                {
                    _sender.SendRtp(payload.AsSpan(0, payloadLength), timestamp, marker);
                }

                pictureId = Vp8Packetizer.NextPictureId(pictureId);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
        }
    }
}
