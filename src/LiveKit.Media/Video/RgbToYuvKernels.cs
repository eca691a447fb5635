using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveKit.Media.Video;

/// <summary>
/// Two rows of packed RGB in the byte order <c>TOrder</c> to two rows of Y and one row of chroma (I420's U and V, or NV12's pairs), vectorized, equal
/// bit for bit to <see cref="Bt601.Luma"/>, <see cref="Bt601.Cb"/> and <see cref="Bt601.Cr"/>, chroma taken from the
/// <see cref="Bt601.Average"/> of each 2x2 block's R, G and B. An odd last column or row is its own neighbour (a
/// block of 2 or 1 pixels counts them twice), so for a frame of odd height the caller passes the last row as both
/// rows.
/// </summary>
/// <remarks>
/// Luma runs in unsigned 16-bit lanes (66 R + 129 G + 25 B + 128 is at most 56228); chroma in signed 16-bit lanes
/// (each weighted sum is within +-28688).
/// </remarks>
internal static class RgbToYuvKernels
{
    /// <summary>Rows <paramref name="rgb0"/> and <paramref name="rgb1"/> to Y rows <paramref name="y0"/> and <paramref name="y1"/> and one row of I420 chroma.</summary>
    /// <exception cref="ArgumentException">A span is shorter than the row needs.</exception>
    public static void ConvertRowPair<TOrder>(
        ReadOnlySpan<byte> rgb0, ReadOnlySpan<byte> rgb1, Span<byte> y0, Span<byte> y1, Span<byte> u, Span<byte> v, int width, VectorPath path)
        where TOrder : struct, IRgbOrder
    {
        int chromaWidth = (width + 1) / 2;
        if (rgb0.Length < width * 4 || rgb1.Length < width * 4 || y0.Length < width || y1.Length < width || u.Length < chromaWidth || v.Length < chromaWidth)
        {
            throw new ArgumentException("A plane row is shorter than the width needs.");
        }

        ref byte source0 = ref MemoryMarshal.GetReference(rgb0);
        ref byte source1 = ref MemoryMarshal.GetReference(rgb1);
        ref byte uRow = ref MemoryMarshal.GetReference(u);
        ref byte vRow = ref MemoryMarshal.GetReference(v);
        int x = 0;
        if (path >= VectorPath.Vector256)
        {
            for (; x <= width - 16; x += 16)
            {
                (Vector128<short> cb, Vector128<short> cr) = Convert16<TOrder>(ref source0, ref source1, x, y0, y1);
                // 8 chroma samples each, narrowed to the lower 8 bytes.
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref uRow, x / 2), Vector128.Narrow(cb, cb).AsUInt64().ToScalar());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref vRow, x / 2), Vector128.Narrow(cr, cr).AsUInt64().ToScalar());
            }
        }

        if (path >= VectorPath.Vector128)
        {
            for (; x <= width - 8; x += 8)
            {
                (Vector128<short> cb, Vector128<short> cr) = Convert8<TOrder>(ref source0, ref source1, x, y0, y1);
                // 4 chroma samples each, in the lower 4 bytes.
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref uRow, x / 2), Vector128.Narrow(cb, cb).AsUInt32().ToScalar());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref vRow, x / 2), Vector128.Narrow(cr, cr).AsUInt32().ToScalar());
            }
        }

        for (; x < width; x += 2)
        {
            (byte cb, byte cr) = ConvertBlock(rgb0, rgb1, y0, y1, x, width, RgbLayout.Of<TOrder>());
            u[x / 2] = cb;
            v[x / 2] = cr;
        }
    }

    /// <summary>Rows <paramref name="rgb0"/> and <paramref name="rgb1"/> to Y rows <paramref name="y0"/> and <paramref name="y1"/> and one row of NV12 U, V pairs.</summary>
    /// <exception cref="ArgumentException">A span is shorter than the row needs.</exception>
    public static void ConvertRowPairNv12<TOrder>(
        ReadOnlySpan<byte> rgb0, ReadOnlySpan<byte> rgb1, Span<byte> y0, Span<byte> y1, Span<byte> uv, int width, VectorPath path)
        where TOrder : struct, IRgbOrder
    {
        if (rgb0.Length < width * 4 || rgb1.Length < width * 4 || y0.Length < width || y1.Length < width || uv.Length < (width + 1) / 2 * 2)
        {
            throw new ArgumentException("A plane row is shorter than the width needs.");
        }

        ref byte source0 = ref MemoryMarshal.GetReference(rgb0);
        ref byte source1 = ref MemoryMarshal.GetReference(rgb1);
        ref byte uvRow = ref MemoryMarshal.GetReference(uv);
        int x = 0;
        if (path >= VectorPath.Vector256)
        {
            for (; x <= width - 16; x += 16)
            {
                (Vector128<short> cb, Vector128<short> cr) = Convert16<TOrder>(ref source0, ref source1, x, y0, y1);
                // 8 pairs: U in the low byte of each 16-bit word, V in the high byte; pixel x's pair is at byte x.
                (cb.AsUInt16() | (cr.AsUInt16() << 8)).AsByte().StoreUnsafe(ref uvRow, (nuint)x);
            }
        }

        if (path >= VectorPath.Vector128)
        {
            for (; x <= width - 8; x += 8)
            {
                (Vector128<short> cb, Vector128<short> cr) = Convert8<TOrder>(ref source0, ref source1, x, y0, y1);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref uvRow, x), (cb.AsUInt16() | (cr.AsUInt16() << 8)).AsUInt64().ToScalar());
            }
        }

        for (; x < width; x += 2)
        {
            (byte cb, byte cr) = ConvertBlock(rgb0, rgb1, y0, y1, x, width, RgbLayout.Of<TOrder>());
            uv[x] = cb;
            uv[x + 1] = cr;
        }
    }

    // Pixels x .. x+15 of both rows: writes their 2 x 16 Y, returns 8 U and 8 V (16-bit lanes).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<short> Cb, Vector128<short> Cr) Convert16<TOrder>(ref byte source0, ref byte source1, int x, Span<byte> y0, Span<byte> y1)
        where TOrder : struct, IRgbOrder
    {
        Vector256<uint> a0 = Vector256.LoadUnsafe(ref source0, (nuint)(x * 4)).AsUInt32();
        Vector256<uint> a1 = Vector256.LoadUnsafe(ref source0, (nuint)(x * 4 + 32)).AsUInt32();
        Vector256<uint> b0 = Vector256.LoadUnsafe(ref source1, (nuint)(x * 4)).AsUInt32();
        Vector256<uint> b1 = Vector256.LoadUnsafe(ref source1, (nuint)(x * 4 + 32)).AsUInt32();
        Vector256<ushort> red0 = Channel(a0, a1, TOrder.RedShift);
        Vector256<ushort> green0 = Channel(a0, a1, TOrder.GreenShift);
        Vector256<ushort> blue0 = Channel(a0, a1, TOrder.BlueShift);
        Vector256<ushort> red1 = Channel(b0, b1, TOrder.RedShift);
        Vector256<ushort> green1 = Channel(b0, b1, TOrder.GreenShift);
        Vector256<ushort> blue1 = Channel(b0, b1, TOrder.BlueShift);

        Vector256<ushort> luma0 = Luma(red0, green0, blue0);
        Vector256<ushort> luma1 = Luma(red1, green1, blue1);
        Vector128.Narrow(luma0.GetLower(), luma0.GetUpper()).StoreUnsafe(ref MemoryMarshal.GetReference(y0), (nuint)x);
        Vector128.Narrow(luma1.GetLower(), luma1.GetUpper()).StoreUnsafe(ref MemoryMarshal.GetReference(y1), (nuint)x);

        Vector128<short> red = BlockAverage(red0 + red1);
        Vector128<short> green = BlockAverage(green0 + green1);
        Vector128<short> blue = BlockAverage(blue0 + blue1);
        return (Cb(red, green, blue), Cr(red, green, blue));
    }

    // Pixels x .. x+7 of both rows: writes their 2 x 8 Y, returns 4 U and 4 V in the lower 4 lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<short> Cb, Vector128<short> Cr) Convert8<TOrder>(ref byte source0, ref byte source1, int x, Span<byte> y0, Span<byte> y1)
        where TOrder : struct, IRgbOrder
    {
        Vector128<uint> a0 = Vector128.LoadUnsafe(ref source0, (nuint)(x * 4)).AsUInt32();
        Vector128<uint> a1 = Vector128.LoadUnsafe(ref source0, (nuint)(x * 4 + 16)).AsUInt32();
        Vector128<uint> b0 = Vector128.LoadUnsafe(ref source1, (nuint)(x * 4)).AsUInt32();
        Vector128<uint> b1 = Vector128.LoadUnsafe(ref source1, (nuint)(x * 4 + 16)).AsUInt32();
        Vector128<ushort> red0 = Channel(a0, a1, TOrder.RedShift);
        Vector128<ushort> green0 = Channel(a0, a1, TOrder.GreenShift);
        Vector128<ushort> blue0 = Channel(a0, a1, TOrder.BlueShift);
        Vector128<ushort> red1 = Channel(b0, b1, TOrder.RedShift);
        Vector128<ushort> green1 = Channel(b0, b1, TOrder.GreenShift);
        Vector128<ushort> blue1 = Channel(b0, b1, TOrder.BlueShift);

        Vector128<ushort> luma0 = Luma(red0, green0, blue0);
        Vector128<ushort> luma1 = Luma(red1, green1, blue1);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(y0), x), Vector128.Narrow(luma0, luma0).AsUInt64().ToScalar());
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(y1), x), Vector128.Narrow(luma1, luma1).AsUInt64().ToScalar());

        Vector128<short> red = BlockAverage(red0 + red1);
        Vector128<short> green = BlockAverage(green0 + green1);
        Vector128<short> blue = BlockAverage(blue0 + blue1);
        return (Cb(red, green, blue), Cr(red, green, blue));
    }

    // The scalar definition for the block of columns x and x+1 (x alone counted twice at an odd width's end).
    private static (byte Cb, byte Cr) ConvertBlock(ReadOnlySpan<byte> rgb0, ReadOnlySpan<byte> rgb1, Span<byte> y0, Span<byte> y1, int x, int width, RgbLayout layout)
    {
        int right = Math.Min(x + 1, width - 1);
        ReadOnlySpan<byte> p00 = rgb0.Slice(x * 4, 4), p01 = rgb0.Slice(right * 4, 4);
        ReadOnlySpan<byte> p10 = rgb1.Slice(x * 4, 4), p11 = rgb1.Slice(right * 4, 4);
        y0[x] = Bt601.Luma(p00[layout.RedOffset], p00[layout.GreenOffset], p00[layout.BlueOffset]);
        y1[x] = Bt601.Luma(p10[layout.RedOffset], p10[layout.GreenOffset], p10[layout.BlueOffset]);
        y0[right] = Bt601.Luma(p01[layout.RedOffset], p01[layout.GreenOffset], p01[layout.BlueOffset]);
        y1[right] = Bt601.Luma(p11[layout.RedOffset], p11[layout.GreenOffset], p11[layout.BlueOffset]);
        int r = Bt601.Average(p00[layout.RedOffset], p01[layout.RedOffset], p10[layout.RedOffset], p11[layout.RedOffset]);
        int g = Bt601.Average(p00[layout.GreenOffset], p01[layout.GreenOffset], p10[layout.GreenOffset], p11[layout.GreenOffset]);
        int b = Bt601.Average(p00[layout.BlueOffset], p01[layout.BlueOffset], p10[layout.BlueOffset], p11[layout.BlueOffset]);
        return (Bt601.Cb(r, g, b), Bt601.Cr(r, g, b));
    }

    // One channel of 16 pixels (two vectors of 8 words) as 16-bit lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Channel(Vector256<uint> first, Vector256<uint> second, int shift)
    {
        Vector256<uint> mask = Vector256.Create(0xFFu);
        return Vector256.Narrow((first >> shift) & mask, (second >> shift) & mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> Channel(Vector128<uint> first, Vector128<uint> second, int shift)
    {
        Vector128<uint> mask = Vector128.Create(0xFFu);
        return Vector128.Narrow((first >> shift) & mask, (second >> shift) & mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Luma(Vector256<ushort> red, Vector256<ushort> green, Vector256<ushort> blue) =>
        ((red * (ushort)66 + green * (ushort)129 + blue * (ushort)25 + Vector256.Create((ushort)128)) >> 8) + Vector256.Create((ushort)16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> Luma(Vector128<ushort> red, Vector128<ushort> green, Vector128<ushort> blue) =>
        ((red * (ushort)66 + green * (ushort)129 + blue * (ushort)25 + Vector128.Create((ushort)128)) >> 8) + Vector128.Create((ushort)16);

    // Column sums of two rows (16 lanes) to the 8 rounded 2x2 means: adjacent lanes added, + 2, >> 2.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> BlockAverage(Vector256<ushort> columnSums)
    {
        Vector256<uint> pairs = columnSums.AsUInt32();
        Vector256<uint> means = ((pairs & Vector256.Create(0xFFFFu)) + (pairs >> 16) + Vector256.Create(2u)) >> 2;
        return Vector128.Narrow(means.GetLower(), means.GetUpper()).AsInt16();
    }

    // Column sums of two rows (8 lanes) to the 4 rounded 2x2 means, in the lower 4 lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> BlockAverage(Vector128<ushort> columnSums)
    {
        Vector128<uint> pairs = columnSums.AsUInt32();
        Vector128<uint> means = ((pairs & Vector128.Create(0xFFFFu)) + (pairs >> 16) + Vector128.Create(2u)) >> 2;
        return Vector128.Narrow(means, means).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Cb(Vector128<short> red, Vector128<short> green, Vector128<short> blue) =>
        ((red * (short)-38 + green * (short)-74 + blue * (short)112 + Vector128.Create((short)128)) >> 8) + Vector128.Create((short)128);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Cr(Vector128<short> red, Vector128<short> green, Vector128<short> blue) =>
        ((red * (short)112 + green * (short)-94 + blue * (short)-18 + Vector128.Create((short)128)) >> 8) + Vector128.Create((short)128);
}
