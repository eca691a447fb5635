using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveKit.Media.Video;

/// <summary>
/// One row of packed RGB to another packed RGB byte order, vectorized: each channel is taken from its place in the
/// source word and put in its place in the destination word (alpha is carried over, not reset).
/// </summary>
internal static class RgbSwizzleKernels
{
    /// <summary>Reorders <paramref name="width"/> pixels from <paramref name="from"/>'s byte order to <paramref name="to"/>'s.</summary>
    /// <exception cref="ArgumentException">A span is shorter than the row needs.</exception>
    public static void ConvertRow(ReadOnlySpan<byte> source, Span<byte> destination, int width, RgbLayout from, RgbLayout to, VectorPath path)
    {
        if (source.Length < width * 4 || destination.Length < width * 4)
        {
            throw new ArgumentException("A row is shorter than the width needs.");
        }

        ref byte sourceRow = ref MemoryMarshal.GetReference(source);
        ref byte destinationRow = ref MemoryMarshal.GetReference(destination);
        int x = 0;
        if (path >= VectorPath.Vector256)
        {
            for (; x <= width - 8; x += 8)
            {
                Vector256<uint> pixels = Vector256.LoadUnsafe(ref sourceRow, (nuint)(x * 4)).AsUInt32();
                Vector256<uint> mask = Vector256.Create(0xFFu);
                Vector256<uint> moved = (((pixels >> from.RedShift) & mask) << to.RedShift)
                    | (((pixels >> from.GreenShift) & mask) << to.GreenShift)
                    | (((pixels >> from.BlueShift) & mask) << to.BlueShift)
                    | (((pixels >> from.AlphaShift) & mask) << to.AlphaShift);
                moved.AsByte().StoreUnsafe(ref destinationRow, (nuint)(x * 4));
            }
        }

        if (path >= VectorPath.Vector128)
        {
            for (; x <= width - 4; x += 4)
            {
                Vector128<uint> pixels = Vector128.LoadUnsafe(ref sourceRow, (nuint)(x * 4)).AsUInt32();
                Vector128<uint> mask = Vector128.Create(0xFFu);
                Vector128<uint> moved = (((pixels >> from.RedShift) & mask) << to.RedShift)
                    | (((pixels >> from.GreenShift) & mask) << to.GreenShift)
                    | (((pixels >> from.BlueShift) & mask) << to.BlueShift)
                    | (((pixels >> from.AlphaShift) & mask) << to.AlphaShift);
                moved.AsByte().StoreUnsafe(ref destinationRow, (nuint)(x * 4));
            }
        }

        for (; x < width; x++)
        {
            MovePixel(source.Slice(x * 4, 4), destination.Slice(x * 4, 4), from, to);
        }
    }

    /// <summary>The scalar definition of one pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MovePixel(ReadOnlySpan<byte> source, Span<byte> destination, RgbLayout from, RgbLayout to)
    {
        byte red = source[from.RedOffset], green = source[from.GreenOffset], blue = source[from.BlueOffset], alpha = source[from.AlphaOffset];
        destination[to.RedOffset] = red;
        destination[to.GreenOffset] = green;
        destination[to.BlueOffset] = blue;
        destination[to.AlphaOffset] = alpha;
    }
}
