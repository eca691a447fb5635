using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>
/// What <c>opus_decode</c> does after decoding to floats, done here so that the common case costs a vectorized pass:
/// libopus soft-clips every decoded packet (two scalar passes over the samples even when nothing exceeds
/// [-1, 1], about 7 % of a decode) and then converts each sample with <c>FLOAT2INT16</c>.
/// </summary>
/// <remarks>
/// <c>opus_pcm_soft_clip</c> changes nothing when its memory is zero and every sample is within [-1, 1]
/// (<c>opus.c</c>: the clamp to ±2 is then a no-op, no peak is found, and the memory stays zero), so the decoder
/// calls it only otherwise; the result is the same bits as <c>opus_decode</c> (tested).
/// <para>
/// SSE2-level 128-bit operations only: Native AOT compiles for a baseline x64 by default, where 256-bit vectors,
/// <c>Vector128.Round</c> and the saturating float-to-int conversion are not accelerated (they became per-sample calls,
/// 22 % of the 100-track subscriber's time). 20 ms of 48 kHz audio is a few hundred nanoseconds at this width.
/// </para>
/// </remarks>
internal static class OpusFloatToPcm16
{
    /// <summary>
    /// True when every sample is within [-1, 1]. NaN counts as outside, so such a packet takes libopus's soft clip as before.
    /// </summary>
    public static bool IsWithinUnit(ReadOnlySpan<float> samples)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated && samples.Length >= Vector128<float>.Count)
        {
            ref float start = ref MemoryMarshal.GetReference(samples);
            Vector128<float> one = Vector128.Create(1f);
            Vector128<float> outside = Vector128<float>.Zero;
            for (; i <= samples.Length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                outside |= ~Vector128.LessThanOrEqual(Vector128.Abs(Vector128.LoadUnsafe(ref start, (nuint)i)), one);
            }

            if (outside.ExtractMostSignificantBits() != 0)
            {
                return false;
            }
        }

        for (; i < samples.Length; i++)
        {
            if (!(MathF.Abs(samples[i]) <= 1f))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Converts as libopus's <c>FLOAT2INT16</c> does (<c>celt/float_cast.h</c>): scale by 32768, clamp to
    /// [-32768, 32767], round to nearest, ties to even.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is shorter than <paramref name="samples"/>.</exception>
    public static void Convert(ReadOnlySpan<float> samples, Span<short> pcm)
    {
        if (pcm.Length < samples.Length)
        {
            throw new ArgumentException("The PCM buffer is shorter than the samples.", nameof(pcm));
        }

        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref float source = ref MemoryMarshal.GetReference(samples);
            ref short destination = ref MemoryMarshal.GetReference(pcm);
            int step = 2 * Vector128<float>.Count;
            for (; i <= samples.Length - step; i += step)
            {
                Vector128<int> low = ToInt32(Vector128.LoadUnsafe(ref source, (nuint)i));
                Vector128<int> high = ToInt32(Vector128.LoadUnsafe(ref source, (nuint)(i + Vector128<float>.Count)));
                // Both are within a short's range, so packssdw's saturation and Narrow's truncation agree.
                Vector128<short> packed = Sse2.IsSupported ? Sse2.PackSignedSaturate(low, high) : Vector128.Narrow(low, high);
                packed.StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < samples.Length; i++)
        {
            float scaled = Math.Clamp(samples[i] * 32768f, -32768f, 32767f);
            pcm[i] = (short)(BitConverter.SingleToInt32Bits(scaled + RoundingBias) - RoundingBiasBits);
        }
    }

    /// <summary>
    /// 1.5 x 2^23: a value in [-2^22, 2^22] added to it is rounded to an integer by the addition itself (in the default
    /// rounding mode, to nearest, ties to even), and that integer is the sum's bits less <see cref="RoundingBiasBits"/>.
    /// SSE2 alone does it, which Native AOT's default target has; <c>Vector128.Round</c> needs SSE4.1.
    /// </summary>
    private const float RoundingBias = 12582912f;

    /// <summary>The bits of <see cref="RoundingBias"/>.</summary>
    private const int RoundingBiasBits = 0x4B400000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> ToInt32(Vector128<float> samples)
    {
        Vector128<float> scaled = Vector128.MinNative(Vector128.MaxNative(samples * 32768f, Vector128.Create(-32768f)), Vector128.Create(32767f));
        return (scaled + Vector128.Create(RoundingBias)).AsInt32() - Vector128.Create(RoundingBiasBits);
    }
}
