using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary><c>vpx_rational_t</c> (<c>vpx_encoder.h</c>): a fraction, e.g. the timebase 1/90000. 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VpxRational
{
    /// <summary><c>int num</c>.</summary>
    public int Numerator;

    /// <summary><c>int den</c>.</summary>
    public int Denominator;
}
