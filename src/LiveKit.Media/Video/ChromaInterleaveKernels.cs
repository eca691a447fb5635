using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveKit.Media.Video;

/// <summary>
/// I420's separate U and V rows to NV12's row of U, V pairs and back, vectorized: a pair is one little-endian 16-bit
/// word with U in the low byte.
/// </summary>
internal static class ChromaInterleaveKernels
{
    /// <summary><paramref name="count"/> samples of <paramref name="u"/> and <paramref name="v"/> to <paramref name="count"/> pairs in <paramref name="uv"/>.</summary>
    /// <exception cref="ArgumentException">A span is shorter than the row needs.</exception>
    public static void Interleave(ReadOnlySpan<byte> u, ReadOnlySpan<byte> v, Span<byte> uv, int count, VectorPath path)
    {
        if (u.Length < count || v.Length < count || uv.Length < count * 2)
        {
            throw new ArgumentException("A chroma row is shorter than the count needs.");
        }

        ref byte uRow = ref MemoryMarshal.GetReference(u);
        ref byte vRow = ref MemoryMarshal.GetReference(v);
        ref byte uvRow = ref MemoryMarshal.GetReference(uv);
        int x = 0;
        if (path >= VectorPath.Vector256)
        {
            for (; x <= count - 16; x += 16)
            {
                Vector256<ushort> cb = Vector256.WidenLower(Vector128.LoadUnsafe(ref uRow, (nuint)x).ToVector256Unsafe());
                Vector256<ushort> cr = Vector256.WidenLower(Vector128.LoadUnsafe(ref vRow, (nuint)x).ToVector256Unsafe());
                (cb | (cr << 8)).AsByte().StoreUnsafe(ref uvRow, (nuint)(x * 2));
            }
        }

        if (path >= VectorPath.Vector128)
        {
            for (; x <= count - 8; x += 8)
            {
                Vector128<ushort> cb = Vector128.WidenLower(Vector128.CreateScalarUnsafe(MemoryMarshal.Read<ulong>(u.Slice(x, 8))).AsByte());
                Vector128<ushort> cr = Vector128.WidenLower(Vector128.CreateScalarUnsafe(MemoryMarshal.Read<ulong>(v.Slice(x, 8))).AsByte());
                (cb | (cr << 8)).AsByte().StoreUnsafe(ref uvRow, (nuint)(x * 2));
            }
        }

        for (; x < count; x++)
        {
            uv[x * 2] = u[x];
            uv[x * 2 + 1] = v[x];
        }
    }

    /// <summary><paramref name="count"/> pairs of <paramref name="uv"/> to <paramref name="count"/> samples each of <paramref name="u"/> and <paramref name="v"/>.</summary>
    /// <exception cref="ArgumentException">A span is shorter than the row needs.</exception>
    public static void Deinterleave(ReadOnlySpan<byte> uv, Span<byte> u, Span<byte> v, int count, VectorPath path)
    {
        if (u.Length < count || v.Length < count || uv.Length < count * 2)
        {
            throw new ArgumentException("A chroma row is shorter than the count needs.");
        }

        ref byte uRow = ref MemoryMarshal.GetReference(u);
        ref byte vRow = ref MemoryMarshal.GetReference(v);
        ref byte uvRow = ref MemoryMarshal.GetReference(uv);
        int x = 0;
        if (path >= VectorPath.Vector256)
        {
            for (; x <= count - 16; x += 16)
            {
                Vector256<ushort> pairs = Vector256.LoadUnsafe(ref uvRow, (nuint)(x * 2)).AsUInt16();
                // Narrowing keeps the order: the 16 U bytes, then the 16 V bytes.
                Vector256<byte> split = Vector256.Narrow(pairs & Vector256.Create((ushort)0x00FF), pairs >> 8);
                split.GetLower().StoreUnsafe(ref uRow, (nuint)x);
                split.GetUpper().StoreUnsafe(ref vRow, (nuint)x);
            }
        }

        if (path >= VectorPath.Vector128)
        {
            for (; x <= count - 8; x += 8)
            {
                Vector128<ushort> pairs = Vector128.LoadUnsafe(ref uvRow, (nuint)(x * 2)).AsUInt16();
                Vector128<ulong> split = Vector128.Narrow(pairs & Vector128.Create((ushort)0x00FF), pairs >> 8).AsUInt64();
                MemoryMarshal.Write(u.Slice(x, 8), split.GetElement(0));
                MemoryMarshal.Write(v.Slice(x, 8), split.GetElement(1));
            }
        }

        for (; x < count; x++)
        {
            u[x] = uv[x * 2];
            v[x] = uv[x * 2 + 1];
        }
    }
}
