using System;
using System.Runtime.Intrinsics;

namespace LiveKit.Media.Video;

/// <summary>Picks the <see cref="VectorPath"/> for this machine.</summary>
internal static class VectorPaths
{
    /// <summary>
    /// The widest path the hardware accelerates. The kernels treat 4 bytes of a pixel as a little-endian word, so a
    /// big-endian machine gets <see cref="VectorPath.Scalar"/>.
    /// </summary>
    public static VectorPath Best { get; } =
        !BitConverter.IsLittleEndian ? VectorPath.Scalar
        : Vector256.IsHardwareAccelerated ? VectorPath.Vector256
        : Vector128.IsHardwareAccelerated ? VectorPath.Vector128
        : VectorPath.Scalar;

    /// <summary><paramref name="path"/>, or <see cref="VectorPath.Scalar"/> on a big-endian machine.</summary>
    public static VectorPath Usable(VectorPath path) => BitConverter.IsLittleEndian ? path : VectorPath.Scalar;
}
