using System;
using LiveKit.Media.Codecs.Opus;
using Xunit;

namespace LiveKit.Media.Tests.Codecs;

public class OpusRoundTripTests
{
    private const int SampleRate = 48000;
    private const int FrameSize = 960; // 20 ms at 48 kHz
    private const short Amplitude = 10000;

    // The first 100 ms hold the codec's start-up and its look-ahead delay; measure after them.
    private const int SettleSamples = SampleRate / 10;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_440_Hz_sine_decodes_to_440_Hz_at_its_level(int channels)
    {
        double[] frequencies = channels == 1 ? [440.0] : [440.0, 440.0];
        short[] input = AudioSignals.Sine(SampleRate, 1.0, Amplitude, frequencies);

        short[] output = RoundTrip(input, channels, OpusApplication.Audio, bitrate: 64000 * channels, out int packets);

        Assert.Equal(50, packets);
        for (int c = 0; c < channels; c++)
        {
            double[] decoded = AudioSignals.Channel(output, channels, c, SettleSamples);
            Assert.Equal(440.0, AudioSignals.DominantFrequency(decoded, SampleRate), precision: 0);
            Assert.True(AudioSignals.EnergyShareAt(decoded, 440, SampleRate) > 0.9, "the decoded audio is not a clean 440 Hz tone");

            double inputRms = Amplitude / Math.Sqrt(2);
            double rms = AudioSignals.Rms(decoded);
            Assert.InRange(rms, 0.7 * inputRms, 1.3 * inputRms);
        }
    }

    [Fact]
    public void Stereo_keeps_left_and_right_apart()
    {
        short[] input = AudioSignals.Sine(SampleRate, 1.0, Amplitude, 440.0, 660.0);

        short[] output = RoundTrip(input, channels: 2, OpusApplication.Audio, bitrate: 128000, out _);

        double[] left = AudioSignals.Channel(output, 2, 0, SettleSamples);
        double[] right = AudioSignals.Channel(output, 2, 1, SettleSamples);
        Assert.Equal(440.0, AudioSignals.DominantFrequency(left, SampleRate), precision: 0);
        Assert.Equal(660.0, AudioSignals.DominantFrequency(right, SampleRate), precision: 0);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(12000)]
    [InlineData(16000)]
    [InlineData(24000)]
    public void Lower_rates_round_trip_a_440_Hz_sine(int sampleRate)
    {
        int frameSize = sampleRate / 50;
        short[] input = AudioSignals.Sine(sampleRate, 1.0, Amplitude, 440.0);
        using var encoder = new OpusEncoder(sampleRate, 1, OpusApplication.Voip);
        using var decoder = new OpusDecoder(sampleRate, 1);
        short[] output = new short[input.Length];
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];

        for (int offset = 0; offset < input.Length; offset += frameSize)
        {
            int length = encoder.Encode(input.AsSpan(offset, frameSize), packet);
            Assert.Equal(frameSize, decoder.Decode(packet.AsSpan(0, length), output.AsSpan(offset, frameSize)));
        }

        double[] decoded = AudioSignals.Channel(output, 1, 0, sampleRate / 10);
        Assert.Equal(440.0, AudioSignals.DominantFrequency(decoded, sampleRate), precision: 0);
    }

    [Fact]
    public void A_packet_reports_its_duration()
    {
        using var encoder = new OpusEncoder(SampleRate, 1, OpusApplication.Voip);
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        int length = encoder.Encode(AudioSignals.Sine(SampleRate, 0.04, Amplitude, 440.0), packet);

        Assert.Equal(1920, OpusDecoder.GetSamplesPerChannel(packet.AsSpan(0, length), SampleRate));
        Assert.Equal(640, OpusDecoder.GetSamplesPerChannel(packet.AsSpan(0, length), 16000));
    }

    [Theory]
    [InlineData(120)]
    [InlineData(240)]
    [InlineData(480)]
    [InlineData(960)]
    [InlineData(1920)]
    [InlineData(2880)]
    public void Every_Opus_frame_duration_encodes(int frameSize)
    {
        using var encoder = new OpusEncoder(SampleRate, 2, OpusApplication.Audio);
        using var decoder = new OpusDecoder(SampleRate, 2);
        short[] pcm = AudioSignals.Sine(SampleRate, (double)frameSize / SampleRate, Amplitude, 440.0, 440.0);
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        short[] decoded = new short[decoder.MaxFrameSamplesPerChannel * 2];

        int length = encoder.Encode(pcm, packet);

        Assert.Equal(frameSize, decoder.Decode(packet.AsSpan(0, length), decoded));
    }

    internal static short[] RoundTrip(short[] input, int channels, OpusApplication application, int bitrate, out int packets)
    {
        using var encoder = new OpusEncoder(SampleRate, channels, application) { Bitrate = bitrate };
        using var decoder = new OpusDecoder(SampleRate, channels);
        short[] output = new short[input.Length];
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        int frame = FrameSize * channels;
        packets = 0;

        for (int offset = 0; offset < input.Length; offset += frame)
        {
            int length = encoder.Encode(input.AsSpan(offset, frame), packet);
            Assert.InRange(length, 3, packet.Length);
            Assert.Equal(FrameSize, decoder.Decode(packet.AsSpan(0, length), output.AsSpan(offset, frame)));
            packets++;
        }

        return output;
    }
}
