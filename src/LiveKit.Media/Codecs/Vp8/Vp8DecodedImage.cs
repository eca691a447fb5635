using System;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// A decoded I420 picture as libvpx holds it: three planes with their strides, in the decoder's own buffers.
/// Valid until the next <see cref="Vp8Decoder.Decode"/> or <see cref="Vp8Decoder.Dispose"/> on the decoder that
/// produced it (hence a ref struct: it cannot be kept); <see cref="CopyTo(Span{byte}, int, Span{byte}, int, Span{byte}, int)"/>
/// copies it out.
/// </summary>
public readonly ref struct Vp8DecodedImage
{
    internal Vp8DecodedImage(int width, int height, ReadOnlySpan<byte> y, int yStride, ReadOnlySpan<byte> u, int uStride,
        ReadOnlySpan<byte> v, int vStride)
    {
        Width = width;
        Height = height;
        Y = y;
        YStride = yStride;
        U = u;
        UStride = uStride;
        V = v;
        VStride = vStride;
    }

    /// <summary>The width in pixels (<c>d_w</c>).</summary>
    public int Width { get; }

    /// <summary>The height in pixels (<c>d_h</c>).</summary>
    public int Height { get; }

    /// <summary>The width of the U and V planes: (width + 1) / 2.</summary>
    public int ChromaWidth => (Width + 1) / 2;

    /// <summary>The height of the U and V planes: (height + 1) / 2.</summary>
    public int ChromaHeight => (Height + 1) / 2;

    /// <summary>The luma plane: <see cref="Height"/> rows of <see cref="Width"/> bytes, <see cref="YStride"/> apart.</summary>
    public ReadOnlySpan<byte> Y { get; }

    /// <summary>Bytes from one luma row to the next.</summary>
    public int YStride { get; }

    /// <summary>The U plane: <see cref="ChromaHeight"/> rows of <see cref="ChromaWidth"/> bytes, <see cref="UStride"/> apart.</summary>
    public ReadOnlySpan<byte> U { get; }

    /// <summary>Bytes from one U row to the next.</summary>
    public int UStride { get; }

    /// <summary>The V plane, shaped as <see cref="U"/>.</summary>
    public ReadOnlySpan<byte> V { get; }

    /// <summary>Bytes from one V row to the next.</summary>
    public int VStride { get; }

    /// <summary>Bytes of the image packed without padding: Y, then U, then V (<see cref="CopyTo(Span{byte})"/>).</summary>
    public int PackedLength => Width * Height + 2 * ChromaWidth * ChromaHeight;

    /// <summary>Copies the three planes into the caller's, row by row.</summary>
    /// <exception cref="ArgumentException">A destination stride is below its plane's width, or a plane is too short.</exception>
    public void CopyTo(Span<byte> y, int yStride, Span<byte> u, int uStride, Span<byte> v, int vStride)
    {
        CopyPlane(Y, YStride, y, yStride, Width, Height, nameof(y));
        CopyPlane(U, UStride, u, uStride, ChromaWidth, ChromaHeight, nameof(u));
        CopyPlane(V, VStride, v, vStride, ChromaWidth, ChromaHeight, nameof(v));
    }

    /// <summary>
    /// Copies the image packed without padding: Y (width x height), then U, then V ((width + 1) / 2 x
    /// (height + 1) / 2 each): <see cref="PackedLength"/> bytes.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="PackedLength"/>.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < PackedLength)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes; a packed {Width}x{Height} I420 image needs {PackedLength}.",
                nameof(destination));
        }

        int lumaLength = Width * Height;
        int chromaLength = ChromaWidth * ChromaHeight;
        CopyTo(destination[..lumaLength], Width,
            destination.Slice(lumaLength, chromaLength), ChromaWidth,
            destination.Slice(lumaLength + chromaLength, chromaLength), ChromaWidth);
    }

    private static void CopyPlane(ReadOnlySpan<byte> source, int sourceStride, Span<byte> destination, int destinationStride,
        int width, int height, string paramName)
    {
        if (destinationStride < width)
        {
            throw new ArgumentException($"The stride of plane {paramName} must be at least its width, {width} bytes.", paramName);
        }

        long needed = (long)destinationStride * (height - 1) + width;
        if (destination.Length < needed)
        {
            throw new ArgumentException(
                $"Plane {paramName} holds {destination.Length} bytes; {height} rows of {width} bytes with a stride of " +
                $"{destinationStride} need {needed}.", paramName);
        }

        for (int row = 0; row < height; row++)
        {
            source.Slice(row * sourceStride, width).CopyTo(destination.Slice(row * destinationStride, width));
        }
    }
}
