using System;
using System.Collections.Generic;
using LiveKit.Media.Codecs.Vp8;

namespace LiveKit.Media.Tests.Codecs.Vp8;

/// <summary>Encodes the moving pattern frame by frame and keeps the compressed frames.</summary>
internal static class Vp8Stream
{
    /// <summary>One compressed frame as the encoder returned it (empty when rate control dropped it).</summary>
    public sealed record Frame(int Index, byte[] Data, bool IsKeyFrame);

    /// <summary>Encodes <paramref name="count"/> frames of the pattern, from <paramref name="firstIndex"/> on.</summary>
    public static List<Frame> Encode(Vp8Encoder encoder, TestPicture picture, int count, int firstIndex = 0,
        Func<int, bool>? forceKeyFrame = null)
    {
        var frames = new List<Frame>(count);
        byte[] output = new byte[encoder.MaxEncodedFrameBytes];
        for (int i = firstIndex; i < firstIndex + count; i++)
        {
            VideoPatterns.Draw(picture, i);
            int length = encoder.Encode(picture.Y, picture.YStride, picture.U, picture.ChromaStride, picture.V, picture.ChromaStride,
                Pts(i), forceKeyFrame?.Invoke(i) ?? false, output, out bool isKeyFrame);
            frames.Add(new Frame(i, output.AsSpan(0, length).ToArray(), isKeyFrame));
        }

        return frames;
    }

    /// <summary>Frame <paramref name="index"/>'s time on the 90 kHz clock at 30 fps.</summary>
    public static long Pts(int index) => (long)index * (Vp8Encoder.ClockRate / 30);
}
