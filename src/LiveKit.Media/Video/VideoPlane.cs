using System;

namespace LiveKit.Media.Video;

/// <summary>
/// One plane of a <see cref="VideoFrame"/>: <see cref="Height"/> rows of <see cref="Stride"/> bytes each, on the frame's
/// pooled buffer. Which plane holds what, and how wide it is, is listed on <see cref="VideoFormat"/>.
/// </summary>
/// <remarks>
/// A view, not an owner: it is valid only until the frame is disposed (the buffer then goes back to the pool and is
/// reused by another frame), which is why it is a <c>ref struct</c> that cannot be stored on the heap.
/// </remarks>
public readonly ref struct VideoPlane
{
    internal VideoPlane(Span<byte> data, int stride, int height)
    {
        Data = data;
        Stride = stride;
        Height = height;
    }

    /// <summary>The plane's bytes, row after row: <c>Stride * Height</c> of them.</summary>
    public Span<byte> Data { get; }

    /// <summary>
    /// Bytes from the start of one row to the start of the next. Frames made by <see cref="VideoFrame.Create"/> have no
    /// padding, so this is also the bytes of pixel data in a row (e.g. <c>Width * 4</c> for RGBA).
    /// </summary>
    public int Stride { get; }

    /// <summary>Rows in the plane: the frame's height for Y and packed RGB, <c>(height + 1) / 2</c> for chroma.</summary>
    public int Height { get; }

    /// <summary>The bytes of row <paramref name="row"/> (0 is the top row).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not in [0, <see cref="Height"/>).</exception>
    public Span<byte> GetRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Height);
        return Data.Slice(row * Stride, Stride);
    }
}
