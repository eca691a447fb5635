namespace LiveKit.Media.Video;

/// <summary>The byte order of <see cref="VideoFormat.RGBA"/>: R,G,B,A in memory.</summary>
internal readonly struct RgbaOrder : IRgbOrder
{
    /// <inheritdoc/>
    public static int RedShift => 0;

    /// <inheritdoc/>
    public static int GreenShift => 8;

    /// <inheritdoc/>
    public static int BlueShift => 16;

    /// <inheritdoc/>
    public static int AlphaShift => 24;
}
