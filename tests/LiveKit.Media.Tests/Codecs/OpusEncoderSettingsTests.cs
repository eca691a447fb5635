using System;
using LiveKit.Media.Codecs.Opus;
using Xunit;

namespace LiveKit.Media.Tests.Codecs;

public class OpusEncoderSettingsTests
{
    [Fact]
    public void A_new_encoder_reports_its_format_and_libopus_defaults()
    {
        using var encoder = new OpusEncoder(48000, 2, OpusApplication.Audio);

        Assert.Equal(48000, encoder.SampleRate);
        Assert.Equal(2, encoder.Channels);
        Assert.Equal(OpusApplication.Audio, encoder.Application);
        Assert.False(encoder.InbandFec);
        Assert.False(encoder.Dtx);
        Assert.Equal(0, encoder.ExpectedPacketLossPercent);
        Assert.Equal(OpusSignal.Auto, encoder.Signal);
        Assert.True(encoder.Bitrate > 0);
    }

    [Fact]
    public void Every_setting_reads_back_what_was_set()
    {
        // A wrong request number would be refused (OPUS_UNIMPLEMENTED) or read back another setting.
        using var encoder = new OpusEncoder(48000, 1, OpusApplication.Voip)
        {
            Bitrate = 32000,
            InbandFec = true,
            ExpectedPacketLossPercent = 15,
            Dtx = true,
            Complexity = 5,
            Signal = OpusSignal.Voice,
        };

        Assert.Equal(32000, encoder.Bitrate);
        Assert.True(encoder.InbandFec);
        Assert.Equal(15, encoder.ExpectedPacketLossPercent);
        Assert.True(encoder.Dtx);
        Assert.Equal(5, encoder.Complexity);
        Assert.Equal(OpusSignal.Voice, encoder.Signal);

        encoder.InbandFec = false;
        encoder.Dtx = false;
        encoder.Signal = OpusSignal.Music;
        Assert.False(encoder.InbandFec);
        Assert.False(encoder.Dtx);
        Assert.Equal(OpusSignal.Music, encoder.Signal);
    }

    [Fact]
    public void Automatic_and_maximum_bitrates_are_accepted()
    {
        using var encoder = new OpusEncoder(48000, 1, OpusApplication.Audio);

        encoder.Bitrate = OpusEncoder.BitrateAuto;
        Assert.True(encoder.Bitrate > 0);
        encoder.Bitrate = OpusEncoder.BitrateMax;
        Assert.True(encoder.Bitrate > 0);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_before_reaching_libopus()
    {
        using var encoder = new OpusEncoder(48000, 1, OpusApplication.Voip);

        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Bitrate = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Complexity = 11);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Complexity = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.ExpectedPacketLossPercent = 101);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Signal = (OpusSignal)7);
    }

    [Fact]
    public void With_DTX_silence_encodes_to_packets_that_need_not_be_sent()
    {
        using var encoder = new OpusEncoder(48000, 1, OpusApplication.Voip) { Bitrate = 16000, Dtx = true };
        short[] silence = new short[960];
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        int dtxPackets = 0;

        for (int i = 0; i < 50; i++)
        {
            if (encoder.Encode(silence, packet) <= 2)
            {
                dtxPackets++;
            }
        }

        Assert.True(dtxPackets >= 25, $"only {dtxPackets} of 50 silent frames were DTX packets");
    }
}
