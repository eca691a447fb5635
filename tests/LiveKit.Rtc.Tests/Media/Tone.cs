using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Media.Audio;

namespace LiveKit.Rtc.Tests.Media;

/// <summary>A sine tone for published audio (also linked into LiveKit.Interop.Tests).</summary>
internal static class Tone
{
    /// <summary>Captures a tone at the source's rate in 20 ms frames until cancelled; the source's queue paces it to real time.</summary>
    public static async Task CaptureAsync(AudioSource source, double frequency, CancellationToken stop)
    {
        using AudioFrame frame = AudioFrame.Create(source.SampleRate, source.Channels, source.SampleRate / 50);
        long n = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Span<short> data = frame.Data;
                for (int i = 0; i < data.Length; i += source.Channels, n++)
                {
                    short sample = (short)(8_000 * Math.Sin(2 * Math.PI * frequency * n / source.SampleRate));
                    data.Slice(i, source.Channels).Fill(sample);
                }

                await source.CaptureFrameAsync(frame, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
