using System;

namespace LiveKit.Media.Audio;

/// <summary>
/// The Kaiser window and J. F. Kaiser's design formulas for windowed-sinc low-pass filters (Kaiser, "Nonrecursive
/// digital filter design using the I0-sinh window function", 1974; Oppenheim &amp; Schafer, Discrete-Time Signal
/// Processing, 3rd ed., section 7.6.1).
/// </summary>
/// <remarks>
/// One parameter, <c>beta</c>, trades the main-lobe width for the side-lobe level, so a filter is specified by its
/// stopband attenuation and transition width alone: <see cref="Beta"/> gives the shape, <see cref="Length"/> the
/// number of taps.
/// </remarks>
internal static class KaiserWindow
{
    /// <summary>The shape parameter that reaches <paramref name="attenuationDb"/> of stopband attenuation (O&amp;S eq. 7.75).</summary>
    public static double Beta(double attenuationDb) => attenuationDb switch
    {
        > 50 => 0.1102 * (attenuationDb - 8.7),
        >= 21 => 0.5842 * Math.Pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21),
        _ => 0,
    };

    /// <summary>
    /// The number of taps that reaches <paramref name="attenuationDb"/> with a transition band
    /// <paramref name="transitionWidth"/> wide, in cycles per sample (O&amp;S eq. 7.76: M = (A - 8) / (2.285 dw)).
    /// </summary>
    public static int Length(double attenuationDb, double transitionWidth) =>
        (int)Math.Ceiling((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionWidth)) + 1;

    /// <summary>Tap <paramref name="n"/> (0 to <paramref name="length"/> - 1) of a Kaiser window.</summary>
    public static double Value(int n, int length, double beta)
    {
        if (length == 1)
        {
            return 1;
        }

        double r = 2.0 * n / (length - 1) - 1;
        return BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - r * r))) / BesselI0(beta);
    }

    /// <summary>The zeroth-order modified Bessel function of the first kind, from its power series.</summary>
    public static double BesselI0(double x)
    {
        // I0(x) = sum over k of ((x/2)^k / k!)^2; for the beta values used here (< 15) the terms fall below 1e-17 of
        // the sum within about 40 terms.
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 200; k++)
        {
            double factor = half / k;
            term *= factor * factor;
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
