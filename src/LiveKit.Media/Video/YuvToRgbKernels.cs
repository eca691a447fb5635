using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveKit.Media.Video;

/// <summary>
/// One row of I420 or NV12 to one row of packed RGB in the byte order <c>TOrder</c>, vectorized, equal bit for bit to
/// <see cref="Bt601.Red"/>, <see cref="Bt601.Green"/> and <see cref="Bt601.Blue"/> (alpha 255).
/// </summary>
/// <remarks>
/// The arithmetic runs in 16-bit lanes. With C = Y - 16, D = U - 128, E = V - 128, the luma term
/// 149 C + 64 - 16384 is computed modulo 2^16 (149 C alone can exceed 32767, the whole term cannot: it is in
/// [-18704, 19291], and multiplication and addition modulo 2^16 give the exact value of a result that fits). Adding a
/// chroma term with signed saturation then gives the exact sum whenever it fits in 16 bits, and a saturated one only
/// when the channel is outside [0, 255] anyway; (sum >> 7) + 128 is then the channel, clamped to [0, 255]. Blue's
/// 258 D does not fit in 16 bits at D = -128, so it is added as two saturating steps of 129 D, which saturate only
/// when the true sum does.
/// </remarks>
internal static class YuvToRgbKernels
{
    private const short LumaBias = 64 - 16384;

    /// <summary>One row of I420: <paramref name="y"/> (width samples), <paramref name="u"/> and <paramref name="v"/> ((width+1)/2 each).</summary>
    /// <exception cref="ArgumentException">A span is shorter than the row needs.</exception>
    public static void ConvertRow<TOrder>(ReadOnlySpan<byte> y, ReadOnlySpan<byte> u, ReadOnlySpan<byte> v, Span<byte> rgb, int width, VectorPath path)
        where TOrder : struct, IRgbOrder
    {
        int chromaWidth = (width + 1) / 2;
        if (y.Length < width || u.Length < chromaWidth || v.Length < chromaWidth || rgb.Length < width * 4)
        {
            throw new ArgumentException("A plane row is shorter than the width needs.");
        }

        ref byte yRow = ref MemoryMarshal.GetReference(y);
        ref byte uRow = ref MemoryMarshal.GetReference(u);
        ref byte vRow = ref MemoryMarshal.GetReference(v);
        ref byte rgbRow = ref MemoryMarshal.GetReference(rgb);
        int x = 0;
        if (path >= VectorPath.Vector256)
        {
                        for (; x <= width - 16; x += 16)
            {
                Vector128<byte> luma = Vector128.LoadUnsafe(ref yRow, (nuint)x);
                Vector128<byte> cb = DuplicateEach(Vector128.CreateScalarUnsafe(ReadUInt64(ref uRow, x / 2)).AsByte());
                Vector128<byte> cr = DuplicateEach(Vector128.CreateScalarUnsafe(ReadUInt64(ref vRow, x / 2)).AsByte());
                Write16<TOrder>(luma, cb, cr, ref Unsafe.Add(ref rgbRow, x * 4));
            }
        }

        if (path >= VectorPath.Vector128)
        {
                        for (; x <= width - 8; x += 8)
            {
                Vector128<byte> luma = Vector128.CreateScalarUnsafe(ReadUInt64(ref yRow, x)).AsByte();
                Vector128<byte> cb = DuplicateEach(Vector128.CreateScalarUnsafe(ReadUInt32(ref uRow, x / 2)).AsByte());
                Vector128<byte> cr = DuplicateEach(Vector128.CreateScalarUnsafe(ReadUInt32(ref vRow, x / 2)).AsByte());
                Write8<TOrder>(luma, cb, cr, ref Unsafe.Add(ref rgbRow, x * 4));
            }
        }

        for (; x < width; x++)
        {
            WritePixel(rgb.Slice(x * 4, 4), y[x], u[x / 2], v[x / 2], RgbLayout.Of<TOrder>());
        }
    }

    /// <summary>One row of NV12: <paramref name="y"/> (width samples) and <paramref name="uv"/> ((width+1)/2 U, V pairs).</summary>
    /// <exception cref="ArgumentException">A span is shorter than the row needs.</exception>
    public static void ConvertRowNv12<TOrder>(ReadOnlySpan<byte> y, ReadOnlySpan<byte> uv, Span<byte> rgb, int width, VectorPath path)
        where TOrder : struct, IRgbOrder
    {
        if (y.Length < width || uv.Length < (width + 1) / 2 * 2 || rgb.Length < width * 4)
        {
            throw new ArgumentException("A plane row is shorter than the width needs.");
        }

        ref byte yRow = ref MemoryMarshal.GetReference(y);
        ref byte uvRow = ref MemoryMarshal.GetReference(uv);
        ref byte rgbRow = ref MemoryMarshal.GetReference(rgb);
        int x = 0;
        if (path >= VectorPath.Vector256)
        {
                        for (; x <= width - 16; x += 16)
            {
                Vector128<byte> luma = Vector128.LoadUnsafe(ref yRow, (nuint)x);
                // The pairs of pixels x .. x+15 are the 8 U, V pairs at bytes x .. x+15 of the UV row.
                Vector128<ushort> pairs = Vector128.LoadUnsafe(ref uvRow, (nuint)x).AsUInt16();
                (Vector128<byte> cb, Vector128<byte> cr) = SplitAndDuplicate(pairs);
                Write16<TOrder>(luma, cb, cr, ref Unsafe.Add(ref rgbRow, x * 4));
            }
        }

        if (path >= VectorPath.Vector128)
        {
                        for (; x <= width - 8; x += 8)
            {
                Vector128<byte> luma = Vector128.CreateScalarUnsafe(ReadUInt64(ref yRow, x)).AsByte();
                Vector128<ushort> pairs = Vector128.CreateScalarUnsafe(ReadUInt64(ref uvRow, x)).AsUInt16();
                (Vector128<byte> cb, Vector128<byte> cr) = SplitAndDuplicate(pairs);
                Write8<TOrder>(luma, cb, cr, ref Unsafe.Add(ref rgbRow, x * 4));
            }
        }

        for (; x < width; x++)
        {
            int pair = x / 2 * 2;
            WritePixel(rgb.Slice(x * 4, 4), y[x], uv[pair], uv[pair + 1], RgbLayout.Of<TOrder>());
        }
    }

    /// <summary>The scalar definition of one pixel, written in <paramref name="layout"/>'s byte order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WritePixel(Span<byte> pixel, int y, int u, int v, RgbLayout layout)
    {
        pixel[layout.RedOffset] = Bt601.Red(y, v);
        pixel[layout.GreenOffset] = Bt601.Green(y, u, v);
        pixel[layout.BlueOffset] = Bt601.Blue(y, u);
        pixel[layout.AlphaOffset] = 255;
    }

    // 16 pixels: luma holds 16 Y, cb and cr 16 chroma samples (each of 8 repeated twice).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write16<TOrder>(Vector128<byte> luma, Vector128<byte> cb, Vector128<byte> cr, ref byte destination)
        where TOrder : struct, IRgbOrder
    {
        Vector256<short> c = Vector256.WidenLower(luma.ToVector256Unsafe()).AsInt16() - Vector256.Create((short)16);
        Vector256<short> d = Vector256.WidenLower(cb.ToVector256Unsafe()).AsInt16() - Vector256.Create((short)128);
        Vector256<short> e = Vector256.WidenLower(cr.ToVector256Unsafe()).AsInt16() - Vector256.Create((short)128);

        Vector256<short> lumaTerm = c * (short)Bt601.YToRgb + Vector256.Create(LumaBias);
        Vector256<short> halfBlue = d * (short)(Bt601.UToB / 2);
        Vector256<ushort> red = ToChannel(Vector256.AddSaturate(lumaTerm, e * (short)Bt601.VToR));
        Vector256<ushort> green = ToChannel(Vector256.SubtractSaturate(lumaTerm, d * (short)Bt601.UToG + e * (short)Bt601.VToG));
        Vector256<ushort> blue = ToChannel(Vector256.AddSaturate(Vector256.AddSaturate(lumaTerm, halfBlue), halfBlue));

        Vector256<uint> first = (Vector256.WidenLower(red) << TOrder.RedShift) | (Vector256.WidenLower(green) << TOrder.GreenShift)
            | (Vector256.WidenLower(blue) << TOrder.BlueShift) | Vector256.Create(0xFFu << TOrder.AlphaShift);
        Vector256<uint> second = (Vector256.WidenUpper(red) << TOrder.RedShift) | (Vector256.WidenUpper(green) << TOrder.GreenShift)
            | (Vector256.WidenUpper(blue) << TOrder.BlueShift) | Vector256.Create(0xFFu << TOrder.AlphaShift);
        first.AsByte().StoreUnsafe(ref destination);
        second.AsByte().StoreUnsafe(ref destination, 32);
    }

    // 8 pixels: the lower 8 bytes of luma, cb and cr (each of 4 chroma samples repeated twice).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write8<TOrder>(Vector128<byte> luma, Vector128<byte> cb, Vector128<byte> cr, ref byte destination)
        where TOrder : struct, IRgbOrder
    {
        Vector128<short> c = Vector128.WidenLower(luma).AsInt16() - Vector128.Create((short)16);
        Vector128<short> d = Vector128.WidenLower(cb).AsInt16() - Vector128.Create((short)128);
        Vector128<short> e = Vector128.WidenLower(cr).AsInt16() - Vector128.Create((short)128);

        Vector128<short> lumaTerm = c * (short)Bt601.YToRgb + Vector128.Create(LumaBias);
        Vector128<short> halfBlue = d * (short)(Bt601.UToB / 2);
        Vector128<ushort> red = ToChannel(Vector128.AddSaturate(lumaTerm, e * (short)Bt601.VToR));
        Vector128<ushort> green = ToChannel(Vector128.SubtractSaturate(lumaTerm, d * (short)Bt601.UToG + e * (short)Bt601.VToG));
        Vector128<ushort> blue = ToChannel(Vector128.AddSaturate(Vector128.AddSaturate(lumaTerm, halfBlue), halfBlue));

        Vector128<uint> first = (Vector128.WidenLower(red) << TOrder.RedShift) | (Vector128.WidenLower(green) << TOrder.GreenShift)
            | (Vector128.WidenLower(blue) << TOrder.BlueShift) | Vector128.Create(0xFFu << TOrder.AlphaShift);
        Vector128<uint> second = (Vector128.WidenUpper(red) << TOrder.RedShift) | (Vector128.WidenUpper(green) << TOrder.GreenShift)
            | (Vector128.WidenUpper(blue) << TOrder.BlueShift) | Vector128.Create(0xFFu << TOrder.AlphaShift);
        first.AsByte().StoreUnsafe(ref destination);
        second.AsByte().StoreUnsafe(ref destination, 16);
    }

    // (sum >> 7) + 128, clamped to [0, 255]: the channel of a biased sum (see the remarks).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> ToChannel(Vector256<short> sum) =>
        Vector256.Clamp((sum >> 7) + Vector256.Create((short)128), Vector256<short>.Zero, Vector256.Create((short)255)).AsUInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> ToChannel(Vector128<short> sum) =>
        Vector128.Clamp((sum >> 7) + Vector128.Create((short)128), Vector128<short>.Zero, Vector128.Create((short)255)).AsUInt16();

    // Bytes s0 s1 s2 ... (the lower 8) to s0 s0 s1 s1 s2 s2 ...: one chroma sample for each of the 2 pixels it covers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> DuplicateEach(Vector128<byte> samples)
    {
        Vector128<ushort> widened = Vector128.WidenLower(samples);
        return (widened | (widened << 8)).AsByte();
    }

    // NV12 pairs U0 V0 U1 V1 ... (as 16-bit words, U in the low byte) to U0 U0 U1 U1 ... and V0 V0 V1 V1 ...
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<byte> Cb, Vector128<byte> Cr) SplitAndDuplicate(Vector128<ushort> pairs)
    {
        Vector128<ushort> cb = pairs & Vector128.Create((ushort)0x00FF);
        Vector128<ushort> cr = pairs >> 8;
        return ((cb | (cb << 8)).AsByte(), (cr | (cr << 8)).AsByte());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadUInt64(ref byte row, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref row, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadUInt32(ref byte row, int offset) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref row, offset));
}
