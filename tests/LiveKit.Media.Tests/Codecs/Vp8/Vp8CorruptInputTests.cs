using System;
using System.Linq;
using LiveKit.Media.Codecs.Vp8;
using Xunit;

namespace LiveKit.Media.Tests.Codecs.Vp8;

/// <summary>Bad input never throws and never crashes; it asks for a key frame, and a key frame heals the stream.</summary>
public class Vp8CorruptInputTests
{
    [Fact]
    public void A_new_decoder_waits_for_a_key_frame()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });
        var frames = Vp8Stream.Encode(encoder, new TestPicture(320, 240), 5);
        using var decoder = new Vp8Decoder();

        Assert.True(decoder.IsKeyFrameRequired);
        Assert.Equal(Vp8DecodeStatus.KeyFrameRequired, decoder.Decode(frames[3].Data, out _));
        Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(frames[0].Data, out _));
        Assert.False(decoder.IsKeyFrameRequired);
        Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(frames[1].Data, out _));
    }

    [Fact]
    public void A_truncated_frame_is_corrupt_then_only_a_key_frame_is_decoded_and_it_heals_the_stream()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });
        var picture = new TestPicture(320, 240);
        var frames = Vp8Stream.Encode(encoder, picture, 10);
        using var decoder = new Vp8Decoder();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(frames[i].Data, out _));
        }

        // Frame 5 loses its tail (a lost packet), frames 6 ... 9 arrive intact but depend on it.
        Assert.Equal(Vp8DecodeStatus.Corrupt, decoder.Decode(frames[5].Data.AsSpan(0, 10), out Vp8DecodedImage none));
        Assert.Equal(0, none.Width);
        Assert.True(decoder.IsKeyFrameRequired);
        Assert.NotEqual(0, decoder.LastErrorCode);
        for (int i = 6; i < 10; i++)
        {
            Assert.Equal(Vp8DecodeStatus.KeyFrameRequired, decoder.Decode(frames[i].Data, out _));
        }

        // The receiver asked for a key frame (PLI); the sender's next frame is one and decoding resumes.
        encoder.RequestKeyFrame();
        var healed = Vp8Stream.Encode(encoder, picture, 3, firstIndex: 10);
        Assert.True(healed[0].IsKeyFrame);
        var reference = new TestPicture(320, 240);
        foreach (Vp8Stream.Frame frame in healed)
        {
            Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(frame.Data, out Vp8DecodedImage image));
            VideoPatterns.Draw(reference, frame.Index);
            Assert.True(VideoPatterns.Psnr(reference.Y, reference.YStride, image.Y, image.YStride, 320, 240) > 30);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(20)]
    public void A_truncated_key_frame_is_corrupt(int length)
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });
        byte[] key = Vp8Stream.Encode(encoder, new TestPicture(320, 240), 1)[0].Data;
        using var decoder = new Vp8Decoder();

        Assert.Equal(Vp8DecodeStatus.Corrupt, decoder.Decode(key.AsSpan(0, length), out _));
        Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(key, out _));
    }

    [Fact]
    public void Random_payloads_never_throw_and_a_key_frame_still_decodes_after_them()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });
        var picture = new TestPicture(320, 240);
        var frames = Vp8Stream.Encode(encoder, picture, 3);
        byte[] key = frames[0].Data;
        using var decoder = new Vp8Decoder();
        var random = new Random(6386);
        var statuses = new int[4];

        for (int i = 0; i < 600; i++)
        {
            byte[] payload = Payload(random, key, i);
            Vp8DecodeStatus status = decoder.Decode(payload, out Vp8DecodedImage image);
            statuses[(int)status]++;
            if (status == Vp8DecodeStatus.Decoded)
            {
                Assert.InRange(image.Width, 1, Vp8Encoder.MaxDimension);
                Assert.InRange(image.Height, 1, Vp8Encoder.MaxDimension);
                Assert.True(image.Y.Length >= image.YStride * (image.Height - 1) + image.Width);
            }
        }

        Assert.True(statuses[(int)Vp8DecodeStatus.Corrupt] > 0);
        Assert.True(statuses[(int)Vp8DecodeStatus.KeyFrameRequired] > 0);
        Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(key, out Vp8DecodedImage healed));
        Assert.Equal(320, healed.Width);
        Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(frames[1].Data, out _));
    }

    [Fact]
    public void A_damaged_key_frame_never_throws()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });
        byte[] key = Vp8Stream.Encode(encoder, new TestPicture(320, 240), 1)[0].Data;
        var random = new Random(7741);

        for (int i = 0; i < 200; i++)
        {
            using var decoder = new Vp8Decoder();
            byte[] damaged = key.ToArray();
            for (int flips = 0; flips < 1 + i % 8; flips++)
            {
                int at = random.Next(10, damaged.Length); // keep the tag and start code, damage the rest
                damaged[at] ^= (byte)(1 << random.Next(8));
            }

            Vp8DecodeStatus status = decoder.Decode(damaged, out _);

            Assert.True(status is Vp8DecodeStatus.Decoded or Vp8DecodeStatus.Corrupt, status.ToString());
            Assert.Equal(Vp8DecodeStatus.Decoded, decoder.Decode(key, out _));
        }
    }

    // Mixes payloads of every kind: pure noise, noise behind a key-frame tag and start code (which reaches the
    // real decoder), real frames cut short, and real frames with noise spliced in.
    private static byte[] Payload(Random random, byte[] key, int index)
    {
        switch (index % 4)
        {
            case 0:
            {
                byte[] noise = new byte[random.Next(0, 3000)];
                random.NextBytes(noise);
                return noise;
            }

            case 1:
            {
                byte[] fake = new byte[random.Next(10, 3000)];
                random.NextBytes(fake);
                fake[0] &= 0xFE; // key frame
                fake[3] = 0x9D;
                fake[4] = 0x01;
                fake[5] = 0x2A;
                // A small size (14 bits, little-endian, no scaling; RFC 6386 §9.1), so the decoder's buffers stay
                // small and the test fast; the rest is noise for the bool decoder.
                int width = random.Next(1, 400), height = random.Next(1, 400);
                fake[6] = (byte)width;
                fake[7] = (byte)(width >> 8);
                fake[8] = (byte)height;
                fake[9] = (byte)(height >> 8);
                return fake;
            }

            case 2:
                return key[..random.Next(0, key.Length)];

            default:
            {
                byte[] spliced = key.ToArray();
                int start = random.Next(3, spliced.Length);
                random.NextBytes(spliced.AsSpan(start, Math.Min(64, spliced.Length - start)));
                return spliced;
            }
        }
    }
}
