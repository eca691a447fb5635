using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Media.Codecs.Opus;
using LiveKit.WebRtc;

namespace LiveKit.Interop.Tests.Media;

/// <summary>
/// Sends a 440 Hz tone as libopus-encoded 20 ms frames through an <see cref="RtpSender"/>, paced by the media clock
/// (a receiver's jitter buffer only plays audio that arrives in real time), until stopped.
/// </summary>
internal sealed class OpusToneSender : IAsyncDisposable
{
    public const int SampleRate = 48000;
    public const int FrameSamples = SampleRate / 50;
    private const double Frequency = 440;
    private const double Amplitude = 8000;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _loop;

    private OpusToneSender(RtpSender sender) => _loop = RunAsync(sender, _stop.Token);

    /// <summary>Frames the network accepted so far.</summary>
    public int FramesSent { get; private set; }

    public static OpusToneSender Start(RtpSender sender) => new(sender);

    /// <summary>Stops sending; returns the number of frames sent.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    /// <summary>Fills <paramref name="pcm"/> (mono, 48 kHz) with the tone from sample <paramref name="firstSample"/> on.</summary>
    public static void FillTone(Span<short> pcm, long firstSample)
    {
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(Amplitude * Math.Sin(2 * Math.PI * Frequency * (firstSample + i) / SampleRate));
        }
    }

    private async Task<int> RunAsync(RtpSender sender, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var encoder = new OpusEncoder(SampleRate, 1, OpusApplication.Audio);
        short[] pcm = new short[FrameSamples];
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        long sample = 0;
        try
        {
            do
            {
                FillTone(pcm, sample);
                int length = encoder.Encode(pcm, packet);
                if (sender.SendRtp(packet.AsSpan(0, length), (uint)sample, marker: sample == 0))
                {
                    FramesSent++;
                }

                sample += FrameSamples;
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }

        return FramesSent;
    }
}
