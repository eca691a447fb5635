using System;
using System.Collections.Generic;
using System.Diagnostics;
using LiveKit.Media.Codecs.Vp8;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Media.Tests.Codecs.Vp8;

/// <summary>
/// Encodes and decodes 10 s of 640x360 at 30 fps and prints the time libvpx took (the figures in
/// docs/media-codecs.md come from this test in Release). The pattern is drawn outside the timed spans.
/// </summary>
public class Vp8TimingTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_seconds_of_640x360_encode_and_decode_faster_than_real_time()
    {
        const int width = 640, height = 360, kbps = 800;
        const int frameCount = 300;
        using var encoder = new Vp8Encoder(width, height, new Vp8EncoderSettings { TargetBitrateKbps = kbps });
        using var decoder = new Vp8Decoder();
        var picture = new TestPicture(width, height);
        byte[] buffer = new byte[encoder.MaxEncodedFrameBytes];
        var frames = new List<byte[]>(frameCount);

        long encodeTicks = 0;
        for (int i = 0; i < frameCount; i++)
        {
            VideoPatterns.Draw(picture, i);
            long start = Stopwatch.GetTimestamp();
            int length = encoder.Encode(picture.Y, picture.YStride, picture.U, picture.ChromaStride, picture.V, picture.ChromaStride,
                Vp8Stream.Pts(i), false, buffer, out _);
            encodeTicks += Stopwatch.GetTimestamp() - start;
            frames.Add(buffer.AsSpan(0, length).ToArray());
        }

        int decoded = 0;
        long decodeStart = Stopwatch.GetTimestamp();
        foreach (byte[] frame in frames)
        {
            if (frame.Length > 0 && decoder.TryDecode(frame, out _))
            {
                decoded++;
            }
        }

        TimeSpan decodeTime = Stopwatch.GetElapsedTime(decodeStart);
        TimeSpan encodeTime = TimeSpan.FromSeconds((double)encodeTicks / Stopwatch.Frequency);
        long bytes = 0;
        frames.ForEach(f => bytes += f.Length);
        output.WriteLine($"{width}x{height} @ {kbps} kbps: encode {encodeTime.TotalMilliseconds:0} ms, decode " +
            $"{decodeTime.TotalMilliseconds:0} ms for 10 s ({decoded} frames decoded, {bytes * 8 / 10 / 1000} kbps sent, cpu-used {encoder.CpuUsed})");

        Assert.True(decoded >= frameCount - 10);
    }
}
