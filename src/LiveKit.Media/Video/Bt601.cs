using System.Runtime.CompilerServices;

namespace LiveKit.Media.Video;

/// <summary>
/// The BT.601 limited-range ("studio swing", Y 16-235, U and V 16-240) colour conversion in integer arithmetic, one
/// pixel at a time: the definition that the scalar reference and the vectorized kernels' tails use, and that the
/// vectorized bodies reproduce bit for bit. <see cref="VideoFrameConverter"/> documents the matrices.
/// </summary>
/// <remarks>
/// Source: ITU-R BT.601-7, Part A, section 2.5: E'Y = 0.299 E'R + 0.587 E'G + 0.114 E'B, E'CB = (E'B - E'Y) / 1.772,
/// E'CR = (E'R - E'Y) / 1.402, quantized as Y = 219 E'Y + 16 and CB, CR = 224 E'C + 128. RGB to YUV uses the 8-bit
/// integer coefficients of libyuv's RGBToY/RGBToU/RGBToV (round(coefficient * 219/255 * 256), and 224/255 for
/// chroma); YUV to RGB uses 7 fractional bits, the most that keeps the vectorized code in 16-bit lanes.
/// </remarks>
internal static class Bt601
{
    /// <summary>Y to RGB: 255/219 = 1.164383, times 128.</summary>
    public const int YToRgb = 149;

    /// <summary>V to R: 1.402 * 255/224 = 1.596027, times 128.</summary>
    public const int VToR = 204;

    /// <summary>U to G (subtracted): 0.344136 * 255/224 = 0.391762, times 128.</summary>
    public const int UToG = 50;

    /// <summary>V to G (subtracted): 0.714136 * 255/224 = 0.812968, times 128.</summary>
    public const int VToG = 104;

    /// <summary>U to B: 1.772 * 255/224 = 2.017232, times 128 (258, applied as 2 x 129 in 16-bit lanes).</summary>
    public const int UToB = 258;

    /// <summary>Red of Y, V: clamp((149 (Y - 16) + 204 (V - 128) + 64) >> 7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Red(int y, int v) => Clamp((YToRgb * (y - 16) + VToR * (v - 128) + 64) >> 7);

    /// <summary>Green of Y, U, V: clamp((149 (Y - 16) - 50 (U - 128) - 104 (V - 128) + 64) >> 7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Green(int y, int u, int v) => Clamp((YToRgb * (y - 16) - UToG * (u - 128) - VToG * (v - 128) + 64) >> 7);

    /// <summary>Blue of Y, U: clamp((149 (Y - 16) + 258 (U - 128) + 64) >> 7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Blue(int y, int u) => Clamp((YToRgb * (y - 16) + UToB * (u - 128) + 64) >> 7);

    /// <summary>Y of R, G, B: ((66 R + 129 G + 25 B + 128) >> 8) + 16, always in 16-235.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Luma(int r, int g, int b) => (byte)(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);

    /// <summary>U (Cb) of R, G, B: ((-38 R - 74 G + 112 B + 128) >> 8) + 128, always in 16-240.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Cb(int r, int g, int b) => (byte)(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);

    /// <summary>V (Cr) of R, G, B: ((112 R - 94 G - 18 B + 128) >> 8) + 128, always in 16-240.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Cr(int r, int g, int b) => (byte)(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);

    /// <summary>The rounded mean of the four samples of a 2x2 block: (a + b + c + d + 2) >> 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Average(int a, int b, int c, int d) => (a + b + c + d + 2) >> 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clamp(int value) => (byte)(value < 0 ? 0 : value > 255 ? 255 : value);
}
