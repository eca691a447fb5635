using System;
using LiveKit.Media.Codecs.Opus;
using Xunit;

namespace LiveKit.Media.Tests.Codecs;

public class OpusValidationTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(1, 0)]
    [InlineData(1, 3840)] // 80 ms: libopus 1.3 accepts it only with an expert frame-duration setting
    [InlineData(2, 1921)] // not a whole number of stereo samples
    public void An_encode_frame_that_is_not_an_Opus_duration_is_refused_clearly(int channels, int samples)
    {
        using var encoder = new OpusEncoder(48000, channels, OpusApplication.Voip);
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        short[] pcm = new short[samples];
        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(pcm, packet));

        Assert.Equal("pcm", error.ParamName);
        Assert.Contains("2.5, 5, 10, 20, 40 or 60 ms", error.Message);
        Assert.Contains("120, 240, 480, 960, 1920 or 2880 samples per channel", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void A_channel_count_other_than_1_or_2_is_refused_clearly(int channels)
    {
        var encoderError = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoder(48000, channels, OpusApplication.Voip));
        var decoderError = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusDecoder(48000, channels));

        Assert.Equal("channels", encoderError.ParamName);
        Assert.Equal("channels", decoderError.ParamName);
        Assert.Contains("1 (mono) or 2 (interleaved stereo)", encoderError.Message);
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(96000)]
    [InlineData(0)]
    public void A_rate_libopus_does_not_run_at_is_refused(int sampleRate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoder(sampleRate, 1, OpusApplication.Voip));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpusDecoder(sampleRate, 1));

        Assert.Equal("sampleRate", error.ParamName);
        Assert.Contains("48000", error.Message);
    }

    [Fact]
    public void An_unknown_application_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoder(48000, 1, (OpusApplication)2050));
    }

    [Fact]
    public void An_empty_packet_buffer_is_refused()
    {
        using var encoder = new OpusEncoder(48000, 1, OpusApplication.Voip);

        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(new short[960], Span<byte>.Empty));
        Assert.Equal("packet", error.ParamName);
    }

    [Fact]
    public void A_corrupt_packet_gives_libopus_error_text_and_code()
    {
        using var decoder = new OpusDecoder(48000, 1);
        short[] pcm = new short[decoder.MaxFrameSamplesPerChannel];

        // TOC code 3 (0b11 in the low bits) announces a frame count byte that a 1-byte packet lacks (RFC 6716 §3.2.5).
        var error = Assert.Throws<OpusException>(() => decoder.Decode([0xFF], pcm));

        Assert.Equal(-4, error.ErrorCode);
        Assert.Contains("corrupted stream", error.Message);
        Assert.Contains("OPUS_INVALID_PACKET", error.Message);
        Assert.StartsWith("opus_decode", error.Message);
    }

    [Fact]
    public void A_decode_buffer_shorter_than_the_packet_gives_buffer_too_small()
    {
        using var encoder = new OpusEncoder(48000, 1, OpusApplication.Voip);
        using var decoder = new OpusDecoder(48000, 1);
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        int length = encoder.Encode(new short[960], packet);

        var error = Assert.Throws<OpusException>(() => decoder.Decode(packet.AsSpan(0, length), new short[480]));

        Assert.Equal(-2, error.ErrorCode);
        Assert.Contains("buffer too small", error.Message);
    }

    [Fact]
    public void An_empty_packet_points_to_DecodeLoss()
    {
        using var decoder = new OpusDecoder(48000, 1);

        var error = Assert.Throws<ArgumentException>(() => decoder.Decode(ReadOnlySpan<byte>.Empty, new short[960]));
        Assert.Contains("DecodeLoss", error.Message);
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(1, 0)]
    [InlineData(2, 961)]
    public void Concealment_of_a_duration_that_is_not_a_multiple_of_2_5_ms_is_refused(int channels, int samples)
    {
        using var decoder = new OpusDecoder(48000, channels);

        var error = Assert.Throws<ArgumentException>(() => decoder.DecodeLoss(new short[samples]));
        Assert.Equal("pcm", error.ParamName);
    }

    [Fact]
    public void A_disposed_encoder_or_decoder_throws_ObjectDisposedException()
    {
        var encoder = new OpusEncoder(48000, 1, OpusApplication.Voip);
        var decoder = new OpusDecoder(48000, 1);
        encoder.Dispose();
        decoder.Dispose();
        encoder.Dispose();
        decoder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(new short[960], new byte[100]));
        Assert.Throws<ObjectDisposedException>(() => encoder.Bitrate);
        Assert.Throws<ObjectDisposedException>(() => decoder.Decode([0xF8, 0xFF, 0xFE], new short[960]));
        Assert.Throws<ObjectDisposedException>(() => decoder.DecodeLoss(new short[960]));
    }
}
