using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Media.Video;

namespace LiveKit.Rtc.Tests.Media;

/// <summary>A moving test pattern for published video: a bright square sliding over a horizontal gradient (also linked into LiveKit.Interop.Tests).</summary>
internal static class TestPattern
{
    /// <summary>Draws frame <paramref name="index"/> into <paramref name="frame"/> (I420).</summary>
    public static void Draw(VideoFrame frame, int index)
    {
        VideoPlane y = frame.GetPlane(0);
        int square = Math.Min(frame.Width, frame.Height) / 4;
        int left = index * 4 % Math.Max(1, frame.Width - square);
        for (int row = 0; row < frame.Height; row++)
        {
            Span<byte> line = y.GetRow(row);
            for (int x = 0; x < frame.Width; x++)
            {
                bool inSquare = x >= left && x < left + square && row >= square && row < 2 * square;
                line[x] = inSquare ? (byte)235 : (byte)(16 + x * 100 / frame.Width);
            }
        }

        for (int plane = 1; plane < 3; plane++)
        {
            frame.GetPlane(plane).Data.Fill(128);
        }
    }

    /// <summary>Captures the pattern at about 30 fps (a camera's pace) until cancelled.</summary>
    public static async Task CaptureAsync(VideoSource source, CancellationToken stop)
    {
        using VideoFrame frame = VideoFrame.Create(source.Width, source.Height, VideoFormat.I420);
        using var camera = new PeriodicTimer(TimeSpan.FromMilliseconds(33));
        try
        {
            for (int index = 0; await camera.WaitForNextTickAsync(stop); index++)
            {
                Draw(frame, index);
                source.CaptureFrame(frame);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
