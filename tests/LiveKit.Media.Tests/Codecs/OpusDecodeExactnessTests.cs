using System;
using System.Collections.Generic;
using LiveKit.Media.Codecs.Opus;
using Xunit;

namespace LiveKit.Media.Tests.Codecs;

/// <summary>
/// <see cref="OpusDecoder.Decode"/> decodes through <c>opus_decode_float</c>, soft-clips only when needed and converts
/// vectorized; its output must be the very bits <c>opus_decode</c> gives, loud or quiet, with losses and FEC between.
/// </summary>
public class OpusDecodeExactnessTests
{
    private const int EncodeRate = 48000;
    private const int FrameSize = 960;

    [Theory]
    [InlineData(1, 48000, OpusApplication.Voip, true)]
    [InlineData(1, 24000, OpusApplication.Voip, true)]
    [InlineData(1, 16000, OpusApplication.Voip, false)] // decoded at 16 kHz, this signal stays within full scale
    [InlineData(2, 48000, OpusApplication.Audio, true)]
    [InlineData(2, 24000, OpusApplication.Audio, true)]
    public void Decoding_gives_the_same_samples_as_opus_decode(int channels, int outputRate, OpusApplication application, bool overshoots)
    {
        List<byte[]> packets = EncodeLoudAndQuiet(channels, application);
        Assert.Equal(overshoots, CountOverUnit(packets, outputRate, channels) > 0);

        short[] expected = DecodeWithOpusDecode(packets, outputRate, channels);
        short[] actual = DecodeWithDecoder(packets, outputRate, channels);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Conversion_rounds_to_nearest_even_and_clamps_as_FLOAT2INT16()
    {
        float[] samples = new float[37];
        float[] edges = [0f, 0.5f / 32768, 1.5f / 32768, -0.5f / 32768, -2.5f / 32768, 1f, -1f, 1.5f, -1.5f, 32767.5f / 32768, 0.25f];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = edges[i % edges.Length];
        }

        short[] pcm = new short[samples.Length];
        OpusFloatToPcm16.Convert(samples, pcm);

        short[] expected = [0, 0, 2, 0, -2, 32767, -32768, 32767, -32768, 32767, 8192];
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.Equal(expected[i % expected.Length], pcm[i]);
        }
    }

    [Theory]
    [InlineData(3, 1.0000001f, false)]
    [InlineData(20, -1.0000001f, false)]
    [InlineData(33, float.NaN, false)]
    [InlineData(33, -1f, true)]
    [InlineData(7, 1f, true)]
    public void A_sample_beyond_unit_is_found_in_the_vector_part_and_the_tail(int position, float value, bool within)
    {
        float[] samples = new float[35];
        Array.Fill(samples, 0.5f);
        samples[position] = value;

        Assert.Equal(within, OpusFloatToPcm16.IsWithinUnit(samples));
    }

    [Fact]
    public void A_buffer_longer_than_120_ms_decodes_the_packet()
    {
        List<byte[]> packets = EncodeLoudAndQuiet(1, OpusApplication.Audio);
        using var decoder = new OpusDecoder(EncodeRate, 1);
        short[] pcm = new short[decoder.MaxFrameSamplesPerChannel * 3];

        Assert.Equal(FrameSize, decoder.Decode(packets[0], pcm));
    }

    /// <summary>Half a second of a loud clipped chord (it overshoots once decoded), half a second quiet.</summary>
    private static List<byte[]> EncodeLoudAndQuiet(int channels, OpusApplication application)
    {
        short[] loud = AudioSignals.Sine(EncodeRate, 0.5, 32767, channels == 1 ? [220.0] : [220.0, 330.0]);
        for (int i = 0; i < loud.Length; i++)
        {
            // A square-ish wave: its decoded ringing exceeds full scale.
            loud[i] = (short)Math.Clamp(loud[i] * 16, short.MinValue, short.MaxValue);
        }

        short[] quiet = AudioSignals.Sine(EncodeRate, 0.5, 3000, channels == 1 ? [440.0] : [440.0, 660.0]);
        using var encoder = new OpusEncoder(EncodeRate, channels, application) { InbandFec = true, ExpectedPacketLossPercent = 20 };
        var packets = new List<byte[]>();
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        foreach (short[] signal in new[] { loud, quiet, loud })
        {
            for (int offset = 0; offset + FrameSize * channels <= signal.Length; offset += FrameSize * channels)
            {
                int length = encoder.Encode(signal.AsSpan(offset, FrameSize * channels), packet);
                packets.Add(packet.AsSpan(0, length).ToArray());
            }
        }

        return packets;
    }

    /// <summary>Every seventh packet is lost: concealed, then recovered from the next packet's FEC.</summary>
    private static bool IsLost(int index) => index % 7 == 3;

    private static short[] DecodeWithDecoder(List<byte[]> packets, int rate, int channels)
    {
        using var decoder = new OpusDecoder(rate, channels);
        int frame = rate / 50 * channels;
        var output = new List<short>();
        short[] pcm = new short[decoder.MaxFrameSamplesPerChannel * channels];
        for (int i = 0; i < packets.Count; i++)
        {
            if (IsLost(i))
            {
                int n = decoder.DecodeLoss(pcm.AsSpan(0, frame));
                output.AddRange(pcm.AsSpan(0, n * channels));
            }
            else
            {
                if (i > 0 && IsLost(i - 1))
                {
                    int recovered = decoder.Decode(packets[i], pcm.AsSpan(0, frame), decodeFec: true);
                    output.AddRange(pcm.AsSpan(0, recovered * channels));
                }

                int n = decoder.Decode(packets[i], pcm);
                output.AddRange(pcm.AsSpan(0, n * channels));
            }
        }

        return output.ToArray();
    }

    /// <summary>The same sequence of calls straight to <c>opus_decode</c>.</summary>
    private static unsafe short[] DecodeWithOpusDecode(List<byte[]> packets, int rate, int channels)
    {
        using OpusDecoderHandle handle = OpusNative.DecoderCreate(rate, channels, out int error);
        Assert.Equal(OpusNative.Ok, error);
        int frame = rate / 50;
        var output = new List<short>();
        short[] pcm = new short[rate / 1000 * 120 * channels];
        fixed (short* pcmPointer = pcm)
        {
            for (int i = 0; i < packets.Count; i++)
            {
                if (IsLost(i))
                {
                    int n = OpusNative.Decode(handle, null, 0, pcmPointer, frame, 0);
                    output.AddRange(pcm.AsSpan(0, n * channels));
                    continue;
                }

                fixed (byte* packetPointer = packets[i])
                {
                    if (i > 0 && IsLost(i - 1))
                    {
                        int recovered = OpusNative.Decode(handle, packetPointer, packets[i].Length, pcmPointer, frame, 1);
                        output.AddRange(pcm.AsSpan(0, recovered * channels));
                    }

                    int n = OpusNative.Decode(handle, packetPointer, packets[i].Length, pcmPointer, pcm.Length / channels, 0);
                    output.AddRange(pcm.AsSpan(0, n * channels));
                }
            }
        }

        return output.ToArray();
    }

    private static unsafe int CountOverUnit(List<byte[]> packets, int rate, int channels)
    {
        using OpusDecoderHandle handle = OpusNative.DecoderCreate(rate, channels, out _);
        float[] pcm = new float[rate / 1000 * 120 * channels];
        int count = 0;
        fixed (float* pcmPointer = pcm)
        {
            foreach (byte[] packet in packets)
            {
                fixed (byte* packetPointer = packet)
                {
                    int n = OpusNative.DecodeFloat(handle, packetPointer, packet.Length, pcmPointer, pcm.Length / channels, 0);
                    foreach (float sample in pcm.AsSpan(0, n * channels))
                    {
                        count += MathF.Abs(sample) > 1f ? 1 : 0;
                    }
                }
            }
        }

        return count;
    }
}
