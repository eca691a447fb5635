namespace LiveKit.Media.Video;

/// <summary>The byte order of <see cref="VideoFormat.ABGR"/>: A,B,G,R in memory.</summary>
internal readonly struct AbgrOrder : IRgbOrder
{
    /// <inheritdoc/>
    public static int RedShift => 24;

    /// <inheritdoc/>
    public static int GreenShift => 16;

    /// <inheritdoc/>
    public static int BlueShift => 8;

    /// <inheritdoc/>
    public static int AlphaShift => 0;
}
