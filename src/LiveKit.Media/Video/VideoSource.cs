using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace LiveKit.Media.Video;

/// <summary>
/// Where an application's video enters a published track: the latest captured frame, as I420, waiting for the
/// track's encoder. Video is sent as it comes: a frame captured before the encoder took the previous one replaces it
/// (the older one is dropped and counted), so a producer faster than the encoder never queues stale frames.
/// </summary>
/// <remarks>Thread-safe. <see cref="CaptureFrame"/> copies (converting to I420): the frame stays the caller's.</remarks>
public sealed class VideoSource : IDisposable
{
    private readonly Channel<VideoFrame> _latest;
    private long _dropped;

    /// <summary>Creates a source of <paramref name="width"/> x <paramref name="height"/> frames.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 16 or above <see cref="VideoFrame.MaxDimension"/>.</exception>
    public VideoSource(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, VideoFrame.MaxDimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, VideoFrame.MaxDimension);
        Width = width;
        Height = height;
        _latest = Channel.CreateBounded<VideoFrame>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                dropped.Dispose();
                Interlocked.Increment(ref _dropped);
            });
    }

    /// <summary>The frames' width in pixels.</summary>
    public int Width { get; }

    /// <summary>The frames' height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frames replaced by a newer one before the encoder took them.</summary>
    public long FramesDropped => Interlocked.Read(ref _dropped);

    /// <summary>Hands a frame to the track: a copy in I420 replaces any frame the encoder has not taken yet.</summary>
    /// <param name="frame">A frame of this source's size, in any format.</param>
    /// <exception cref="ArgumentException">The frame's size is not the source's (frames are not scaled).</exception>
    /// <exception cref="ObjectDisposedException">The source was disposed.</exception>
    public void CaptureFrame(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"The frame is {frame.Width}x{frame.Height}; this source sends {Width}x{Height} (frames are not scaled).", nameof(frame));
        }

        VideoFrame copy = frame.ConvertTo(VideoFormat.I420);
        if (!_latest.Writer.TryWrite(copy))
        {
            copy.Dispose();
            throw new ObjectDisposedException(nameof(VideoSource));
        }
    }

    /// <summary>Stops the source; the encoder's read ends.</summary>
    public void Dispose()
    {
        _latest.Writer.TryComplete();
        while (_latest.Reader.TryRead(out VideoFrame? frame))
        {
            frame.Dispose();
        }
    }

    /// <summary>The next frame for the encoder (I420, the caller owns it); waits until one is captured.</summary>
    /// <exception cref="ChannelClosedException">The source was disposed.</exception>
    internal ValueTask<VideoFrame> ReadAsync(CancellationToken cancellationToken) => _latest.Reader.ReadAsync(cancellationToken);
}
