namespace LiveKit.Media.Video;

/// <summary>The byte order of <see cref="VideoFormat.BGRA"/>: B,G,R,A in memory.</summary>
internal readonly struct BgraOrder : IRgbOrder
{
    /// <inheritdoc/>
    public static int RedShift => 16;

    /// <inheritdoc/>
    public static int GreenShift => 8;

    /// <inheritdoc/>
    public static int BlueShift => 0;

    /// <inheritdoc/>
    public static int AlphaShift => 24;
}
