using System;
using System.Buffers;

namespace LiveKit.Media.Video;

/// <summary>
/// A video frame of <see cref="Width"/> x <see cref="Height"/> pixels in <see cref="Format"/>, its planes on one buffer
/// rented from <see cref="ArrayPool{T}.Shared"/>. <see cref="GetPlane"/> gives each plane with its stride; the layout of
/// each format is listed on <see cref="VideoFormat"/>.
/// </summary>
/// <remarks>
/// Ownership: whoever holds a frame owns its buffer until it calls <see cref="Dispose"/>, which returns the buffer to
/// the pool; after that <see cref="GetPlane"/> throws, and a <see cref="VideoPlane"/> taken before must no longer be
/// used. A frame received from a stream belongs to the reader, who disposes it; a frame passed to a source's capture is
/// copied there and stays the caller's; <see cref="ConvertTo"/> returns a new frame that the caller owns, and
/// <see cref="VideoFrameConverter.Convert"/> takes ownership of neither of its frames. Not thread-safe: one owner at a
/// time.
/// </remarks>
public sealed class VideoFrame : IDisposable
{
    /// <summary>
    /// The largest width and height accepted: VP8 codes each in 14 bits (RFC 6386, section 9.1), and at this size a
    /// packed RGB frame is 1 GiB, still one array.
    /// </summary>
    public const int MaxDimension = 16_384;

    private byte[]? _buffer;

    private VideoFrame(byte[] buffer, int width, int height, VideoFormat format)
    {
        _buffer = buffer;
        Width = width;
        Height = height;
        Format = format;
        ChromaWidth = (width + 1) / 2;
        ChromaHeight = (height + 1) / 2;
    }

    /// <summary>Pixels in a row.</summary>
    public int Width { get; }

    /// <summary>Rows of pixels.</summary>
    public int Height { get; }

    /// <summary>How the pixels are laid out in the planes.</summary>
    public VideoFormat Format { get; }

    /// <summary>
    /// When the frame was captured (or is to be presented), on the clock of whoever made it; independent of any RTP
    /// clock. Zero unless set. <see cref="VideoFrameConverter.Convert"/> copies it to the destination.
    /// </summary>
    public TimeSpan Timestamp { get; set; }

    /// <summary>Planes of <see cref="Format"/>: 3 for I420, 2 for NV12, 1 for the packed RGB formats.</summary>
    public int PlaneCount => GetPlaneCount(Format);

    /// <summary>True once <see cref="Dispose"/> returned the buffer.</summary>
    public bool IsDisposed => _buffer is null;

    /// <summary>Chroma samples in a row of a YUV frame: the width halved, rounded up.</summary>
    internal int ChromaWidth { get; }

    /// <summary>Chroma rows of a YUV frame: the height halved, rounded up.</summary>
    internal int ChromaHeight { get; }

    /// <summary>
    /// A frame whose bytes are all zero, on a pooled buffer; the caller owns it and disposes it. Zero is black for the
    /// RGB formats (alpha 0 too) but not for I420 and NV12 (black there is Y 16, U and V 128).
    /// </summary>
    /// <param name="width">Pixels in a row, 1 to <see cref="MaxDimension"/>; odd widths are fine (chroma rounds up).</param>
    /// <param name="height">Rows, 1 to <see cref="MaxDimension"/>; odd heights are fine.</param>
    /// <param name="format">The pixel format.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside its range or the format is not defined.</exception>
    public static VideoFrame Create(int width, int height, VideoFormat format)
    {
        VideoFrame frame = CreateUninitialized(width, height, format);
        frame._buffer.AsSpan(0, frame.ByteCount).Clear();
        return frame;
    }

    /// <summary>One plane of the frame; index 0 to <see cref="PlaneCount"/> - 1, meaning as listed on <see cref="VideoFormat"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a plane of this format.</exception>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public VideoPlane GetPlane(int index)
    {
        byte[] buffer = _buffer ?? throw new ObjectDisposedException(nameof(VideoFrame), "The frame was disposed: its buffer went back to the pool.");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PlaneCount);
        int stride = PlaneStride(index);
        int height = PlaneHeight(index);
        return new VideoPlane(buffer.AsSpan(PlaneOffset(index), stride * height), stride, height);
    }

    /// <summary>
    /// A new frame holding this one converted to <paramref name="format"/> (a copy when the format is the same), with
    /// the same size and timestamp; the caller owns it and disposes it. See <see cref="VideoFrameConverter"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not defined.</exception>
    /// <exception cref="ObjectDisposedException">This frame was disposed.</exception>
    public VideoFrame ConvertTo(VideoFormat format)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        VideoFrame converted = CreateUninitialized(Width, Height, format);
        try
        {
            VideoFrameConverter.Convert(this, converted);
        }
        catch
        {
            converted.Dispose();
            throw;
        }

        return converted;
    }

    /// <summary>Returns the buffer to the pool. Idempotent.</summary>
    public void Dispose()
    {
        byte[]? buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A frame on a pooled buffer that still holds whatever its last user left: only for code that overwrites every byte.</summary>
    internal static VideoFrame CreateUninitialized(int width, int height, VideoFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxDimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxDimension);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Not a VideoFormat.");
        }

        return new VideoFrame(ArrayPool<byte>.Shared.Rent(GetByteCount(width, height, format)), width, height, format);
    }

    /// <summary>Bytes of all planes together.</summary>
    internal int ByteCount => GetByteCount(Width, Height, Format);

    private static int GetByteCount(int width, int height, VideoFormat format) => format switch
    {
        // Y, then two chroma planes (or one of pairs) of ((width+1)/2) x ((height+1)/2).
        VideoFormat.I420 or VideoFormat.NV12 => width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2),
        _ => width * height * 4,
    };

    private static int GetPlaneCount(VideoFormat format) => format switch
    {
        VideoFormat.I420 => 3,
        VideoFormat.NV12 => 2,
        _ => 1,
    };

    private int PlaneStride(int index) => (Format, index) switch
    {
        (VideoFormat.I420 or VideoFormat.NV12, 0) => Width,
        (VideoFormat.I420, _) => ChromaWidth,
        (VideoFormat.NV12, _) => ChromaWidth * 2,
        _ => Width * 4,
    };

    private int PlaneHeight(int index) => index == 0 ? Height : ChromaHeight;

    // The planes follow each other in the buffer: Y, then U, then V (or UV).
    private int PlaneOffset(int index) => index switch
    {
        0 => 0,
        1 => Width * Height,
        _ => Width * Height + ChromaWidth * ChromaHeight,
    };
}
