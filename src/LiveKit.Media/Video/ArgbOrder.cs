namespace LiveKit.Media.Video;

/// <summary>The byte order of <see cref="VideoFormat.ARGB"/>: A,R,G,B in memory.</summary>
internal readonly struct ArgbOrder : IRgbOrder
{
    /// <inheritdoc/>
    public static int RedShift => 8;

    /// <inheritdoc/>
    public static int GreenShift => 16;

    /// <inheritdoc/>
    public static int BlueShift => 24;

    /// <inheritdoc/>
    public static int AlphaShift => 0;
}
