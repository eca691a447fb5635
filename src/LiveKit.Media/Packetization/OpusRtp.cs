using System;

namespace LiveKit.Media.Packetization;

/// <summary>
/// The Opus RTP payload format (RFC 7587): each RTP payload is exactly one Opus packet (RFC 6716), unchanged, so
/// there is nothing to split or reassemble; what matters is the timestamp, which always counts at 48 kHz.
/// </summary>
/// <remarks>
/// These helpers only read spans and never throw on packet bytes: a malformed packet makes
/// <see cref="TryGetSampleCount"/> return false.
/// </remarks>
public static class OpusRtp
{
    /// <summary>
    /// The RTP clock rate of Opus: 48000 Hz for every mode and every encoder sample rate (RFC 7587 §4.1), which is
    /// also why the SDP always says <c>opus/48000/2</c> (§7).
    /// </summary>
    public const int ClockRate = 48000;

    /// <summary>
    /// A payload of at most this many bytes is a DTX packet: only the TOC byte (and perhaps one byte), which
    /// libopus emits for silence when DTX is on (RFC 7587 §3.1.3).
    /// </summary>
    public const int MaxDtxPacketBytes = 2;

    /// <summary>The longest duration one Opus packet may hold: 120 ms, 5760 samples at 48 kHz (RFC 6716 §3.2.5).</summary>
    public const int MaxPacketSamples = ClockRate / 1000 * 120;

    /// <summary>
    /// The RTP timestamp increment for a frame of <paramref name="samplesPerChannel"/> samples per channel
    /// encoded at <paramref name="sampleRate"/>: its duration counted at 48 kHz (RFC 7587 §4.1), e.g. 320 samples
    /// at 16 kHz (20 ms) give 960.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A rate Opus does not run at, or a sample count that is not positive or not a whole number of 48 kHz ticks.
    /// </exception>
    public static int GetTimestampIncrement(int samplesPerChannel, int sampleRate)
    {
        if (sampleRate is not (8000 or 12000 or 16000 or 24000 or 48000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate,
                "Opus runs at 8000, 12000, 16000, 24000 or 48000 Hz.");
        }

        if (samplesPerChannel <= 0 || samplesPerChannel > MaxPacketSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(samplesPerChannel), samplesPerChannel,
                "A frame holds at least one sample per channel and at most 120 ms.");
        }

        return samplesPerChannel * (ClockRate / sampleRate);
    }

    /// <summary>
    /// The RTP timestamp increment for a frame lasting <paramref name="frameDuration"/>: 480 for 10 ms, 960 for
    /// 20 ms, 1920 for 40 ms, 2880 for 60 ms (RFC 7587 §4.1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Not positive, longer than 120 ms, or not a whole number of 48 kHz ticks.
    /// </exception>
    public static int GetTimestampIncrement(TimeSpan frameDuration)
    {
        long scaled = frameDuration.Ticks * ClockRate;
        if (frameDuration <= TimeSpan.Zero || frameDuration > TimeSpan.FromMilliseconds(120)
            || scaled % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frameDuration), frameDuration,
                "An Opus frame lasts 2.5, 5, 10, 20, 40 or 60 ms (up to 120 ms per packet), a whole number of 48 kHz ticks.");
        }

        return (int)(scaled / TimeSpan.TicksPerSecond);
    }

    /// <summary>
    /// True for a DTX packet (RFC 7587 §3.1.3): one or two bytes, which carry no audio, only the frame duration
    /// (the decoder produces comfort noise or silence for it). An empty payload is not an Opus packet at all.
    /// </summary>
    public static bool IsDtxPacket(ReadOnlySpan<byte> packet) => packet.Length is > 0 and <= MaxDtxPacketBytes;

    /// <summary>
    /// Reads how many samples (per channel, at 48 kHz) an Opus packet decodes to, from its TOC byte and frame
    /// count (RFC 6716 §3.1, §3.2): the amount to advance the RTP timestamp by, or to expect from the decoder.
    /// </summary>
    /// <returns>
    /// False for an empty packet, a code 3 packet without its frame-count byte or with zero frames, or a packet
    /// longer than 120 ms (RFC 6716 §3.2.5), all of which RFC 6716 §3.4 calls malformed.
    /// </returns>
    public static bool TryGetSampleCount(ReadOnlySpan<byte> packet, out int samples)
    {
        samples = 0;
        if (packet.IsEmpty)
        {
            return false;
        }

        byte toc = packet[0];
        int frameSamples = GetFrameSamples(toc >> 3);
        int frameCount;
        switch (toc & 0x3)
        {
            case 0:
                frameCount = 1;
                break;
            case 1:
            case 2:
                frameCount = 2;
                break;
            default:
                if (packet.Length < 2)
                {
                    return false;
                }

                frameCount = packet[1] & 0x3F;
                if (frameCount == 0)
                {
                    return false;
                }

                break;
        }

        int total = frameSamples * frameCount;
        if (total > MaxPacketSamples)
        {
            return false;
        }

        samples = total;
        return true;
    }

    /// <summary>
    /// Samples at 48 kHz of one frame of TOC configuration <paramref name="config"/> (RFC 6716 §3.1, Table 2):
    /// SILK-only 10/20/40/60 ms, hybrid 10/20 ms, CELT-only 2.5/5/10/20 ms.
    /// </summary>
    private static int GetFrameSamples(int config)
    {
        if (config < 12)
        {
            // SILK-only: 10, 20, 40, 60 ms.
            return (config & 0x3) switch
            {
                0 => 480,
                1 => 960,
                2 => 1920,
                _ => 2880,
            };
        }

        if (config < 16)
        {
            // Hybrid: 10, 20 ms.
            return (config & 0x1) == 0 ? 480 : 960;
        }

        // CELT-only: 2.5, 5, 10, 20 ms.
        return 120 << (config & 0x3);
    }
}
