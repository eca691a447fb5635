using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Media.Audio;
using LiveKit.Media.Codecs.Opus;
using LiveKit.WebRtc;

namespace LiveKit.Rtc.Publishing;

/// <summary>
/// Sends a <see cref="LocalAudioTrack"/>: every 20 ms of the media clock it takes 20 ms from the source, encodes it as
/// Opus and sends one RTP packet (RFC 7587: the RTP clock is 48 kHz whatever the encoder's rate) with its audio level.
/// An empty source or a muted track sends nothing, and the timestamp goes on, as the time does.
/// </summary>
internal sealed class AudioTrackSender : IAsyncDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);
    private const uint TimestampStep = 48_000 / 50;

    private readonly LocalAudioTrack _track;
    private readonly RtpSender _sender;
    private readonly OpusEncoder _encoder;
    private readonly AudioResampler? _resampler;
    private readonly int _channels;
    private readonly PeriodicTimer _clock = new(Step);
    private readonly Task _loop;

    public AudioTrackSender(LocalAudioTrack track, RtpSender sender, TrackPublishOptions options)
    {
        _track = track;
        _sender = sender;
        AudioSource source = track.Source;
        // Opus encodes 8, 12, 16, 24 and 48 kHz; other rates (44.1 kHz...) are resampled to 48 kHz first.
        int encoderRate = OpusFormat.IsSupportedSampleRate(source.SampleRate) ? source.SampleRate : 48_000;
        _resampler = encoderRate == source.SampleRate ? null : new AudioResampler(source.SampleRate, encoderRate, source.Channels);
        _channels = IsStereo(source, options) ? 2 : 1;
        // libwebrtc's choice (AudioEncoderOpusConfig): the voice modes for mono (SILK and hybrid, what a browser's
        // microphone sends and what speech wants at 32 kbps), the full-band music mode for stereo.
        _encoder = new OpusEncoder(encoderRate, _channels, _channels == 1 ? OpusApplication.Voip : OpusApplication.Audio)
        {
            Bitrate = options.AudioBitrate ?? (_channels == 2 ? 64_000 : 32_000),
            InbandFec = true,
            ExpectedPacketLossPercent = 5,
            Dtx = options.Dtx,
        };
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Whether the track goes out as stereo: as the options say, or as the source is.</summary>
    public static bool IsStereo(AudioSource source, TrackPublishOptions options) => options.Stereo ?? source.Channels == 2;

    public async ValueTask DisposeAsync()
    {
        _clock.Dispose(); // the loop's wait returns false
        await _loop.ConfigureAwait(false);
        _encoder.Dispose();
        _resampler?.Dispose();
    }

    private async Task RunAsync()
    {
        AudioSource source = _track.Source;
        short[] pcm = new short[source.SamplesPer10Ms * 2];
        short[] resampled = _resampler is null ? pcm : new short[_resampler.GetOutputLength(source.SampleRate / 50) * source.Channels + source.Channels];
        short[] mixed = new short[resampled.Length / source.Channels * _channels];
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        uint timestamp = (uint)Random.Shared.Next();
        bool talking = false;
        long started = Stopwatch.GetTimestamp();
        long step = 0;
        // The media clock: step n goes at started + n * 20 ms, counted against a monotonic clock (a late tick sends
        // the steps it missed); after a stall longer than 100 ms it starts again from now rather than bursting. A
        // periodic timer, not a delay per step: nothing is allocated per packet. Disposing it ends the loop.
        while (await _clock.WaitForNextTickAsync().ConfigureAwait(false))
        {
            long due = Stopwatch.GetElapsedTime(started).Ticks / Step.Ticks;
            if (due - step > 5)
            {
                started = Stopwatch.GetTimestamp();
                step = 0;
                due = 1;
            }

            for (; step < due; step++)
            {
                if (source.TryRead(pcm) && !_track.IsMuted)
                {
                    ReadOnlySpan<short> frame = _resampler is null
                        ? pcm
                        : resampled.AsSpan(0, _resampler.Process(pcm, resampled) * source.Channels);
                    if (_channels != source.Channels)
                    {
                        frame = mixed.AsSpan(0, AudioChannelMixer.Convert(frame, source.Channels, mixed, _channels) * _channels);
                    }

                    int length = _encoder.Encode(frame, packet);
                    // RFC 3551 §4.1: the marker flags the first packet after silence (a talkspurt's start).
                    _sender.SendRtp(packet.AsSpan(0, length), timestamp, marker: !talking, AudioLevel.Of(frame));
                    talking = true;
                }
                else
                {
                    talking = false;
                }

                timestamp += TimestampStep;
            }
        }
    }
}
