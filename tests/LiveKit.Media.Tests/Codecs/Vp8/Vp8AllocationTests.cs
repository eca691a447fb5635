using System;
using LiveKit.Media.Codecs.Vp8;
using Xunit;

namespace LiveKit.Media.Tests.Codecs.Vp8;

public class Vp8AllocationTests
{
    [Fact]
    public void Encode_decode_key_frame_requests_and_copies_allocate_nothing_after_warm_up()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });
        using var decoder = new Vp8Decoder();
        var picture = new TestPicture(320, 240);
        VideoPatterns.Draw(picture, 0);
        byte[] output = new byte[encoder.MaxEncodedFrameBytes];
        byte[] copy = new byte[320 * 240 * 3 / 2];
        Run(encoder, decoder, picture, output, copy, 0, 10);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int decoded = Run(encoder, decoder, picture, output, copy, 10, 60);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(decoded >= 55);
    }

    private static int Run(Vp8Encoder encoder, Vp8Decoder decoder, TestPicture picture, byte[] output, byte[] copy, int first, int count)
    {
        int decoded = 0;
        for (int i = first; i < first + count; i++)
        {
            if (i % 20 == 7)
            {
                encoder.RequestKeyFrame();
            }

            // Every call the loop makes is made once during the warm-up too: a P/Invoke's first call binds it,
            // which allocates.
            if (i % 30 == 5)
            {
                encoder.SetBitrate(i < 30 ? 700 : 600);
            }

            // The same picture each time keeps the loop free of drawing; the pts still advances.
            int length = encoder.Encode(picture.Y, picture.YStride, picture.U, picture.ChromaStride, picture.V, picture.ChromaStride,
                Vp8Stream.Pts(i), forceKeyFrame: false, output, out _);
            if (length > 0 && decoder.TryDecode(output.AsSpan(0, length), out Vp8DecodedImage image))
            {
                image.CopyTo(copy);
                decoded++;
            }
        }

        return decoded;
    }
}
