using System;
using System.Collections.Generic;
using LiveKit.Media.Packetization;
using Xunit;

namespace LiveKit.Media.Tests.Packetization;

public class OpusRtpTests
{
    [Theory]
    [InlineData(2.5, 120)]
    [InlineData(10, 480)]
    [InlineData(20, 960)]
    [InlineData(40, 1920)]
    [InlineData(60, 2880)]
    [InlineData(120, 5760)]
    public void The_timestamp_advances_by_the_frame_duration_at_48_kHz(double milliseconds, int expected)
    {
        Assert.Equal(expected, OpusRtp.GetTimestampIncrement(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData(480, 48000, 480)]
    [InlineData(160, 16000, 480)]
    [InlineData(320, 16000, 960)]
    [InlineData(160, 8000, 960)]
    [InlineData(480, 24000, 960)]
    [InlineData(720, 12000, 2880)]
    public void The_timestamp_counts_48_kHz_whatever_rate_the_encoder_runs_at(int samplesPerChannel, int sampleRate, int expected)
    {
        Assert.Equal(expected, OpusRtp.GetTimestampIncrement(samplesPerChannel, sampleRate));
    }

    [Fact]
    public void Durations_and_rates_Opus_cannot_have_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpusRtp.GetTimestampIncrement(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpusRtp.GetTimestampIncrement(TimeSpan.FromMilliseconds(121)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpusRtp.GetTimestampIncrement(TimeSpan.FromTicks(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpusRtp.GetTimestampIncrement(960, 44100));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpusRtp.GetTimestampIncrement(0, 48000));
    }

    [Theory]
    [InlineData(new byte[] { 1 << 3, 0xAA }, 960)] // SILK 20 ms, code 0
    [InlineData(new byte[] { 3 << 3 }, 2880)] // SILK 60 ms, code 0, DTX-sized
    [InlineData(new byte[] { 12 << 3 }, 480)] // hybrid 10 ms
    [InlineData(new byte[] { 16 << 3, 0x01 }, 120)] // CELT 2.5 ms
    [InlineData(new byte[] { (31 << 3) | 1, 0x01, 0x02 }, 1920)] // CELT 20 ms, code 1: two frames
    [InlineData(new byte[] { (15 << 3) | 2, 0x01, 0x02 }, 1920)] // hybrid 20 ms, code 2: two frames
    [InlineData(new byte[] { (1 << 3) | 3, 0x03, 0x00 }, 2880)] // SILK 20 ms, code 3: three frames
    [InlineData(new byte[] { (16 << 3) | 3, 48 }, 5760)] // CELT 2.5 ms x 48 = 120 ms
    public void The_sample_count_comes_from_the_TOC_and_frame_count(byte[] packet, int expected)
    {
        Assert.True(OpusRtp.TryGetSampleCount(packet, out int samples));
        Assert.Equal(expected, samples);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (1 << 3) | 3 })] // code 3 without its frame count
    [InlineData(new byte[] { (1 << 3) | 3, 0x00 })] // code 3 with zero frames
    [InlineData(new byte[] { (3 << 3) | 3, 0x03 })] // 3 x 60 ms = 180 ms, over 120
    public void Malformed_packets_have_no_sample_count(byte[] packet)
    {
        Assert.False(OpusRtp.TryGetSampleCount(packet, out int samples));
        Assert.Equal(0, samples);
    }

    [Fact]
    public void Random_bytes_never_make_the_TOC_reader_throw()
    {
        var random = new Random(7587);
        byte[] buffer = new byte[4];
        for (int i = 0; i < 100_000; i++)
        {
            int length = random.Next(buffer.Length + 1);
            random.NextBytes(buffer);
            if (OpusRtp.TryGetSampleCount(buffer.AsSpan(0, length), out int samples))
            {
                Assert.InRange(samples, 120, OpusRtp.MaxPacketSamples);
            }
        }
    }

    [Fact]
    public void DTX_packets_are_one_or_two_bytes()
    {
        Assert.False(OpusRtp.IsDtxPacket([]));
        Assert.True(OpusRtp.IsDtxPacket([0x08]));
        Assert.True(OpusRtp.IsDtxPacket([0x08, 0x00]));
        Assert.False(OpusRtp.IsDtxPacket([0x08, 0x00, 0x00]));
    }

    [Theory]
    [InlineData(0, 480)]
    [InlineData(1, 960)]
    [InlineData(2, 1920)]
    [InlineData(3, 2880)]
    public void The_packetizer_advances_the_timestamp_by_each_packets_duration_and_marks_the_first(int silkConfig, int step)
    {
        var packetizer = new OpusRtpPacketizer(initialTimestamp: uint.MaxValue - 1000);
        byte[] packet = [(byte)(silkConfig << 3), 0x11, 0x22, 0x33];
        var timestamps = new List<uint>();
        var markers = new List<bool>();
        for (int i = 0; i < 4; i++)
        {
            OpusRtpPacketInfo info = packetizer.Packetize(packet);
            Assert.True(info.ShouldSend);
            Assert.Equal(step, info.Samples);
            timestamps.Add(info.Timestamp);
            markers.Add(info.Marker);
        }

        Assert.Equal([uint.MaxValue - 1000, unchecked(uint.MaxValue - 1000 + (uint)step),
            unchecked(uint.MaxValue - 1000 + 2 * (uint)step), unchecked(uint.MaxValue - 1000 + 3 * (uint)step)], timestamps);
        Assert.Equal([true, false, false, false], markers);
        Assert.Equal(unchecked(uint.MaxValue - 1000 + 4 * (uint)step), packetizer.NextTimestamp);
    }

    [Fact]
    public void The_first_DTX_packet_is_sent_the_rest_skipped_and_speech_after_them_is_marked()
    {
        var packetizer = new OpusRtpPacketizer(initialTimestamp: 0);
        byte[] speech = [1 << 3, 0x11, 0x22, 0x33];
        byte[] dtx = [1 << 3];

        OpusRtpPacketInfo[] infos =
        [
            packetizer.Packetize(speech),
            packetizer.Packetize(speech),
            packetizer.Packetize(dtx),
            packetizer.Packetize(dtx),
            packetizer.Packetize(dtx),
            packetizer.Packetize(speech),
            packetizer.Packetize(speech),
            packetizer.Packetize(dtx),
            packetizer.Packetize(speech),
        ];

        Assert.Equal([true, true, true, false, false, true, true, true, true], Array.ConvertAll(infos, i => i.ShouldSend));
        Assert.Equal([true, false, false, false, false, true, false, false, false], Array.ConvertAll(infos, i => i.Marker));
        Assert.Equal([0u, 960, 1920, 2880, 3840, 4800, 5760, 6720, 7680], Array.ConvertAll(infos, i => i.Timestamp));
    }

    [Fact]
    public void Sending_every_DTX_packet_can_be_chosen()
    {
        var packetizer = new OpusRtpPacketizer(initialTimestamp: 0, skipRepeatedDtx: false);
        byte[] dtx = [1 << 3];

        Assert.All(new[] { packetizer.Packetize(dtx), packetizer.Packetize(dtx), packetizer.Packetize(dtx) },
            info => Assert.True(info.ShouldSend));
    }

    [Fact]
    public void Skipped_time_advances_the_timestamp_and_marks_the_next_packet()
    {
        var packetizer = new OpusRtpPacketizer(initialTimestamp: 1000);
        byte[] speech = [1 << 3, 0x11, 0x22];
        packetizer.Packetize(speech);

        packetizer.Skip(48000);
        OpusRtpPacketInfo after = packetizer.Packetize(speech);

        Assert.Equal(1000u + 960 + 48000, after.Timestamp);
        Assert.True(after.Marker);
        Assert.Throws<ArgumentOutOfRangeException>(() => packetizer.Skip(-1));
    }

    [Fact]
    public void A_packet_that_is_not_Opus_is_refused()
    {
        var packetizer = new OpusRtpPacketizer(0);

        Assert.Throws<ArgumentException>(() => packetizer.Packetize([]));
        Assert.Equal(0u, packetizer.NextTimestamp);
    }
}
