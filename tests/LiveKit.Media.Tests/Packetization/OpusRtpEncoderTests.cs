using System;
using LiveKit.Media.Codecs.Opus;
using LiveKit.Media.Packetization;
using Xunit;

namespace LiveKit.Media.Tests.Packetization;

/// <summary>The Opus RTP helpers against what libopus really produces.</summary>
public class OpusRtpEncoderTests
{
    [Theory]
    [InlineData(48000, 10)]
    [InlineData(48000, 20)]
    [InlineData(16000, 40)]
    [InlineData(16000, 60)]
    public void Real_packets_advance_the_timestamp_by_their_duration_at_48_kHz(int sampleRate, int milliseconds)
    {
        using var encoder = new OpusEncoder(sampleRate, 1, OpusApplication.Voip);
        short[] pcm = Tone(sampleRate, sampleRate / 1000 * milliseconds);
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        var packetizer = new OpusRtpPacketizer(initialTimestamp: 7);

        for (int i = 0; i < 5; i++)
        {
            int length = encoder.Encode(pcm, packet);
            OpusRtpPacketInfo info = packetizer.Packetize(packet.AsSpan(0, length));

            int expected = OpusRtp.GetTimestampIncrement(TimeSpan.FromMilliseconds(milliseconds));
            Assert.Equal(expected, info.Samples);
            Assert.Equal(OpusDecoder.GetSamplesPerChannel(packet.AsSpan(0, length), 48000), info.Samples);
            Assert.Equal(7u + (uint)(i * expected), info.Timestamp);
        }
    }

    [Fact]
    public void Silence_with_DTX_on_gives_tiny_packets_of_which_only_the_first_is_sent()
    {
        using var encoder = new OpusEncoder(48000, 1, OpusApplication.Voip) { Dtx = true };
        short[] tone = Tone(48000, 960);
        short[] silence = new short[960];
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        var packetizer = new OpusRtpPacketizer(initialTimestamp: 0);
        int dtxPackets = 0, sentDtx = 0, sent = 0;
        uint expectedTimestamp = 0;

        for (int i = 0; i < 100; i++)
        {
            int length = encoder.Encode(i < 10 ? tone : silence, packet);
            OpusRtpPacketInfo info = packetizer.Packetize(packet.AsSpan(0, length));
            Assert.Equal(expectedTimestamp, info.Timestamp);
            expectedTimestamp += 960;
            if (OpusRtp.IsDtxPacket(packet.AsSpan(0, length)))
            {
                dtxPackets++;
                sentDtx += info.ShouldSend ? 1 : 0;
            }

            sent += info.ShouldSend ? 1 : 0;
        }

        // libopus enters DTX after some silent frames, with a comfort-noise update now and then (each update
        // ends a DTX run, so the next run's first packet is sent again).
        Assert.True(dtxPackets > 40, $"{dtxPackets} DTX packets");
        Assert.InRange(sentDtx, 1, dtxPackets / 4);
        Assert.True(sent < 60, $"{sent} of 100 packets sent");
    }

    private static short[] Tone(int sampleRate, int samples)
    {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++)
        {
            pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / sampleRate));
        }

        return pcm;
    }
}
