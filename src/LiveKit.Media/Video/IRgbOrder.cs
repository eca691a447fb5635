namespace LiveKit.Media.Video;

/// <summary>
/// A packed RGB byte order known when the JIT compiles a kernel: each channel's bit position in the little-endian
/// 32-bit word of a pixel (8 times its byte offset in memory). The kernels take it as a struct type argument, so each
/// format gets its own machine code with the shifts as constants (immediate shifts, no shift-count registers).
/// </summary>
/// <remarks>The four implementations are <see cref="RgbaOrder"/>, <see cref="BgraOrder"/>, <see cref="ArgbOrder"/> and <see cref="AbgrOrder"/>.</remarks>
internal interface IRgbOrder
{
    /// <summary>Bit position of red.</summary>
    static abstract int RedShift { get; }

    /// <summary>Bit position of green.</summary>
    static abstract int GreenShift { get; }

    /// <summary>Bit position of blue.</summary>
    static abstract int BlueShift { get; }

    /// <summary>Bit position of alpha.</summary>
    static abstract int AlphaShift { get; }
}
