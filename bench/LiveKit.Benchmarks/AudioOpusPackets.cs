using System;
using LiveKit.Media.Codecs.Opus;

namespace LiveKit.Benchmarks;

/// <summary>
/// A second of speech-like audio (48 kHz mono: a 180 Hz voice with harmonics, gliding, plus seeded noise, in syllables
/// with short pauses) encoded as 20 ms Opus packets with the settings of the SDK's <c>AudioTrackSender</c>
/// (<see cref="OpusApplication.Voip"/> for mono, as libwebrtc, 32 kb/s, in-band FEC, 5 % expected loss, no DTX), so the receive benchmarks
/// decode what the SDK sends. Built once; the same packets for every variant.
/// </summary>
internal static class AudioOpusPackets
{
    /// <summary>The encoder's (and the RTP clock's) rate.</summary>
    public const int SampleRate = 48_000;

    /// <summary>Samples of one 20 ms packet at <see cref="SampleRate"/>.</summary>
    public const int SamplesPerPacket = SampleRate / 50;

    /// <summary>Encodes <paramref name="count"/> packets (20 ms each) of the signal; the same bytes on every call.</summary>
    public static byte[][] Create(int count)
    {
        using var encoder = new OpusEncoder(SampleRate, 1, OpusApplication.Voip)
        {
            Bitrate = 32_000,
            InbandFec = true,
            ExpectedPacketLossPercent = 5,
        };
        short[] signal = CreateSignal(count * SamplesPerPacket);
        byte[] buffer = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        byte[][] packets = new byte[count][];
        for (int p = 0; p < count; p++)
        {
            int length = encoder.Encode(signal.AsSpan(p * SamplesPerPacket, SamplesPerPacket), buffer);
            packets[p] = buffer.AsSpan(0, length).ToArray();
        }

        return packets;
    }

    /// <summary><paramref name="samples"/> samples of the speech-like signal at <see cref="SampleRate"/>, mono; seeded.</summary>
    public static short[] CreateSignal(int samples)
    {
        var random = new Random(20_240_601);
        short[] pcm = new short[samples];
        double phase = 0;
        for (int n = 0; n < samples; n++)
        {
            double t = (double)n / SampleRate;

            // A syllable every 250 ms, 200 ms voiced then 50 ms of near silence; the pitch glides 150-210 Hz.
            double envelope = n % (SampleRate / 4) < SampleRate / 5 ? 1.0 : 0.02;
            double pitch = 180 + 30 * Math.Sin(2 * Math.PI * 1.3 * t);
            phase += 2 * Math.PI * pitch / SampleRate;
            double voice = Math.Sin(phase) + 0.5 * Math.Sin(2 * phase) + 0.25 * Math.Sin(3 * phase) + 0.12 * Math.Sin(5 * phase);
            double noise = random.NextDouble() - 0.5;
            pcm[n] = (short)Math.Clamp(envelope * (6_000 * voice + 1_500 * noise), short.MinValue, short.MaxValue);
        }

        return pcm;
    }
}
