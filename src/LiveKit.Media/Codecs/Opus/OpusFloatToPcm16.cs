using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// </remarks>
internal static class OpusFloatToPcm16
{
    /// <summary>
    /// True when every sample is within [-1, 1]. NaN is not, so that it goes through libopus's clamp.
    /// </summary>
    public static bool IsWithinUnit(ReadOnlySpan<float> samples)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && samples.Length >= Vector256<float>.Count)
        {
            ref float start = ref MemoryMarshal.GetReference(samples);
            Vector256<float> one = Vector256.Create(1f);
            Vector256<float> outside = Vector256<float>.Zero;
            for (; i <= samples.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                outside |= ~Vector256.LessThanOrEqual(Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)i)), one);
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
        if (Vector256.IsHardwareAccelerated)
        {
            ref float source = ref MemoryMarshal.GetReference(samples);
            ref short destination = ref MemoryMarshal.GetReference(pcm);
            int step = 2 * Vector256<float>.Count;
            for (; i <= samples.Length - step; i += step)
            {
                Vector256<int> low = ToInt32(Vector256.LoadUnsafe(ref source, (nuint)i));
                Vector256<int> high = ToInt32(Vector256.LoadUnsafe(ref source, (nuint)(i + Vector256<float>.Count)));
                Vector256.Narrow(low, high).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < samples.Length; i++)
        {
            pcm[i] = ToInt16(samples[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ToInt32(Vector256<float> samples)
    {
        Vector256<float> scaled = Vector256.Min(Vector256.Max(samples * 32768f, Vector256.Create(-32768f)), Vector256.Create(32767f));
        // Already within the range of a short, so Narrow's truncation to 16 bits keeps the value.
        return Vector256.ConvertToInt32(Vector256.Round(scaled));
    }

    private static short ToInt16(float sample) =>
        (short)MathF.Round(Math.Clamp(sample * 32768f, -32768f, 32767f), MidpointRounding.ToEven);
}
