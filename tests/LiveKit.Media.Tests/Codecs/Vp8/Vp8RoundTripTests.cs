using System;
using LiveKit.Media.Codecs.Vp8;
using Xunit;

namespace LiveKit.Media.Tests.Codecs.Vp8;

public class Vp8RoundTripTests
{
    [Theory]
    [InlineData(320, 240, 800, 0)]
    [InlineData(640, 360, 1200, 0)]
    [InlineData(321, 241, 800, 0)] // odd sizes: chroma planes of (w + 1) / 2 x (h + 1) / 2
    [InlineData(320, 240, 800, 13)] // strides wider than the rows
    public void A_moving_pattern_round_trips_at_its_size_with_good_quality(int width, int height, int kbps, int padding)
    {
        using var encoder = new Vp8Encoder(width, height, new Vp8EncoderSettings { TargetBitrateKbps = kbps });
        using var decoder = new Vp8Decoder();
        var picture = new TestPicture(width, height, padding);
        var reference = new TestPicture(width, height);
        var packed = new byte[width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2)];

        var frames = Vp8Stream.Encode(encoder, picture, 30);

        int decodedCount = 0;
        double lumaSum = 0, lumaMin = double.MaxValue, chromaMin = double.MaxValue;
        foreach (Vp8Stream.Frame frame in frames)
        {
            if (frame.Data.Length == 0)
            {
                continue; // dropped by rate control: nothing was sent
            }

            Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(frame.Data, out Vp8DecodedImage image));
            Assert.Equal(width, image.Width);
            Assert.Equal(height, image.Height);
            Assert.Equal(packed.Length, image.PackedLength);
            VideoPatterns.Draw(reference, frame.Index);
            double luma = VideoPatterns.Psnr(reference.Y, reference.YStride, image.Y, image.YStride, width, height);
            double chroma = Math.Min(
                VideoPatterns.Psnr(reference.U, reference.ChromaStride, image.U, image.UStride, image.ChromaWidth, image.ChromaHeight),
                VideoPatterns.Psnr(reference.V, reference.ChromaStride, image.V, image.VStride, image.ChromaWidth, image.ChromaHeight));

            // The packed copy holds the same pixels, Y then U then V.
            image.CopyTo(packed);
            Assert.Equal(luma, VideoPatterns.Psnr(reference.Y, reference.YStride, packed, width, width, height));

            decodedCount++;
            lumaSum += luma;
            lumaMin = Math.Min(lumaMin, luma);
            chromaMin = Math.Min(chromaMin, chroma);
        }

        Assert.True(decodedCount >= 28, $"only {decodedCount} of 30 frames were encoded");
        Assert.True(lumaSum / decodedCount > 35, $"mean Y PSNR {lumaSum / decodedCount:0.0} dB");
        Assert.True(lumaMin > 30, $"worst Y PSNR {lumaMin:0.0} dB");
        Assert.True(chromaMin > 30, $"worst U/V PSNR {chromaMin:0.0} dB");
    }

    [Fact]
    public void The_strided_copy_writes_rows_at_the_callers_strides_and_leaves_the_padding_alone()
    {
        using var encoder = new Vp8Encoder(33, 17, new Vp8EncoderSettings());
        using var decoder = new Vp8Decoder();
        var picture = new TestPicture(33, 17);
        byte[] frame = Vp8Stream.Encode(encoder, picture, 1)[0].Data;
        byte[] y = new byte[40 * 17];
        byte[] u = new byte[20 * 9];
        byte[] v = new byte[20 * 9];
        Array.Fill(y, (byte)7);

        Assert.True(decoder.TryDecode(frame, out Vp8DecodedImage image));
        image.CopyTo(y, 40, u, 20, v, 20);

        for (int row = 0; row < 17; row++)
        {
            Assert.True(image.Y.Slice(row * image.YStride, 33).SequenceEqual(y.AsSpan(row * 40, 33)));
            Assert.All(y.AsSpan(row * 40 + 33, 7).ToArray(), b => Assert.Equal(7, b));
        }

        for (int row = 0; row < 9; row++)
        {
            Assert.True(image.U.Slice(row * image.UStride, 17).SequenceEqual(u.AsSpan(row * 20, 17)));
            Assert.True(image.V.Slice(row * image.VStride, 17).SequenceEqual(v.AsSpan(row * 20, 17)));
        }
    }

    [Fact]
    public void The_library_is_libvpx_1()
    {
        Assert.StartsWith("v1.", Vp8Library.VersionString);
    }
}
