using System;
using LiveKit.Media.Codecs.Vp8;
using Xunit;

namespace LiveKit.Media.Tests.Codecs.Vp8;

public class Vp8ValidationTests
{
    [Theory]
    [InlineData(0, 240)]
    [InlineData(320, 0)]
    [InlineData(16384, 240)]
    public void Sizes_VP8_cannot_code_are_refused(int width, int height)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Vp8Encoder(width, height, new Vp8EncoderSettings()));

        Assert.Contains("16383", error.Message);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_with_what_to_do()
    {
        Assert.Contains("above zero", Refused(new Vp8EncoderSettings { TargetBitrateKbps = 0 }));
        Assert.Contains("FrameRate", Refused(new Vp8EncoderSettings { FrameRate = 0 }));
        Assert.Contains("KeyFrameInterval", Refused(new Vp8EncoderSettings { KeyFrameInterval = -1 }));
        Assert.Contains("-16 ... 16", Refused(new Vp8EncoderSettings { CpuUsed = 17 }));
        Assert.Contains("MinQuantizer <= MaxQuantizer", Refused(new Vp8EncoderSettings { MinQuantizer = 40, MaxQuantizer = 30 }));
        Assert.Contains("0 ... 63", Refused(new Vp8EncoderSettings { MaxQuantizer = 64 }));
        Assert.Contains("Threads", Refused(new Vp8EncoderSettings { Threads = 0 }));
    }

    [Fact]
    public void The_defaults_are_libwebrtcs_for_a_camera()
    {
        using var vga = new Vp8Encoder(640, 360, new Vp8EncoderSettings());
        using var small = new Vp8Encoder(320, 240, new Vp8EncoderSettings());

        Assert.Equal(-6, vga.CpuUsed);
        Assert.Equal(-4, small.CpuUsed); // below CIF (352x288)
        Assert.Equal(500, vga.TargetBitrateKbps);
        Assert.Equal(900, Vp8Encoder.MaxIntraBitratePercent(30));
        Assert.Equal(300, Vp8Encoder.MaxIntraBitratePercent(5));
        Assert.Equal(640 * 360 * 3, vga.MaxEncodedFrameBytes);
    }

    [Fact]
    public void Planes_strides_and_buffers_are_checked_before_libvpx_sees_them()
    {
        using var encoder = new Vp8Encoder(32, 16, new Vp8EncoderSettings());
        byte[] y = new byte[32 * 16], u = new byte[16 * 8], v = new byte[16 * 8], output = new byte[encoder.MaxEncodedFrameBytes];

        Assert.Throws<ArgumentException>("y", () => encoder.Encode(y.AsSpan(1), 32, u, 16, v, 16, 0, false, output, out _));
        Assert.Throws<ArgumentOutOfRangeException>("yStride", () => encoder.Encode(y, 31, u, 16, v, 16, 0, false, output, out _));
        Assert.Throws<ArgumentException>("v", () => encoder.Encode(y, 32, u, 16, v.AsSpan(0, 100), 16, 0, false, output, out _));
        Assert.Throws<ArgumentException>("vStride", () => encoder.Encode(y, 32, u, 16, new byte[20 * 8], 20, 0, false, output, out _));
        Assert.Throws<ArgumentException>("output", () => encoder.Encode(y, 32, u, 16, v, 16, 0, false, Span<byte>.Empty, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.SetBitrate(0));
    }

    [Fact]
    public void A_frame_that_does_not_fit_the_output_is_reported_and_the_next_frame_is_a_key_frame()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings());
        var picture = new TestPicture(320, 240);
        VideoPatterns.Draw(picture, 0);
        byte[] tiny = new byte[16];

        var error = Assert.Throws<ArgumentException>("output", () =>
            encoder.Encode(picture.Y, 320, picture.U, 160, picture.V, 160, 0, false, tiny, out _));
        Vp8Stream.Frame next = Vp8Stream.Encode(encoder, picture, 1, firstIndex: 1)[0];

        Assert.Contains("MaxEncodedFrameBytes", error.Message);
        Assert.True(next.IsKeyFrame);
    }

    [Fact]
    public void A_disposed_encoder_or_decoder_says_so()
    {
        var encoder = new Vp8Encoder(32, 16, new Vp8EncoderSettings());
        var decoder = new Vp8Decoder();
        encoder.Dispose();
        decoder.Dispose();
        encoder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => encoder.SetBitrate(100));
        Assert.Throws<ObjectDisposedException>(() => encoder.LastQuantizer);
        Assert.Throws<ObjectDisposedException>(() => decoder.Decode(new byte[] { 0 }, out _));
    }

    private static string Refused(Vp8EncoderSettings settings) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vp8Encoder(320, 240, settings)).Message;
}
