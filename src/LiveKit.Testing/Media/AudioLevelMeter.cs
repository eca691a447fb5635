using System;
using System.Threading;

namespace LiveKit.Testing.Media;

/// <summary>
/// Accumulates RFC 6464 audio levels (-dBov, 0 loudest, 127 silence) between speaker observations. A track
/// speaks in a window when at least <see cref="ActivePercent"/> of its packets are at or above
/// <see cref="ActiveLevel"/> (as the real server's defaults: level 35, 40 %); its level is the mean linear
/// amplitude of those packets.
/// </summary>
internal sealed class AudioLevelMeter
{
    /// <summary>-dBov at or below which (that loud or louder) a packet counts as speech.</summary>
    public const int ActiveLevel = 35;

    /// <summary>The share of loud packets that makes a window active.</summary>
    public const int ActivePercent = 40;

    private long _packets;
    private long _loudPackets;
    private long _loudAmplitudeMicros;

    /// <summary>Called on the forwarding loop for each packet with the extension; <paramref name="value"/> is its byte.</summary>
    public void Observe(byte value)
    {
        int level = value & 0x7F; // bit 7 is the voice activity flag (RFC 6464 §3)
        Interlocked.Increment(ref _packets);
        if (level <= ActiveLevel)
        {
            Interlocked.Increment(ref _loudPackets);
            Interlocked.Add(ref _loudAmplitudeMicros, (long)(Amplitude(level) * 1_000_000));
        }
    }

    /// <summary>Ends the window: whether the track spoke, and how loud (0..1).</summary>
    public (bool Active, float Level) TakeWindow()
    {
        long packets = Interlocked.Exchange(ref _packets, 0);
        long loud = Interlocked.Exchange(ref _loudPackets, 0);
        long amplitude = Interlocked.Exchange(ref _loudAmplitudeMicros, 0);
        if (packets == 0 || loud * 100 < packets * ActivePercent)
        {
            return (false, 0);
        }

        return (true, (float)(amplitude / 1_000_000.0 / loud));
    }

    /// <summary>-dBov to linear amplitude: 10^(-level/20).</summary>
    public static double Amplitude(int level) => Math.Pow(10, -level / 20.0);
}
