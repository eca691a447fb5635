using System;

namespace LiveKit.Rtc.Publishing;

/// <summary>
/// The audio level of a packet for the <c>ssrc-audio-level</c> header extension (RFC 6464 §3): the RMS level in -dBov,
/// 0 (full scale) to 127 (silence). The server's speaker detection reads it (brief §6).
/// </summary>
internal static class AudioLevel
{
    /// <summary>The level of <paramref name="samples"/> (16-bit PCM, all channels).</summary>
    public static byte Of(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return 127;
        }

        double sum = 0;
        foreach (short sample in samples)
        {
            sum += (double)sample * sample;
        }

        double rms = Math.Sqrt(sum / samples.Length) / 32768.0;
        if (rms <= 0)
        {
            return 127;
        }

        double dbov = 20 * Math.Log10(rms);
        return (byte)Math.Clamp((int)Math.Round(-dbov), 0, 127);
    }
}
