using System.Runtime.Intrinsics;

namespace LiveKit.Media.Video;

/// <summary>
/// The widest vectors a conversion kernel may use. A kernel runs its widest allowed loop over as many pixels as fit,
/// then the narrower ones, then a scalar tail, so <see cref="Vector256"/> exercises all three on a row whose width is
/// not a multiple of 16. Tests pick each path on purpose; <see cref="VectorPaths.Best"/> is what the machine runs fast.
/// </summary>
internal enum VectorPath
{
    /// <summary>Only the scalar loop.</summary>
    Scalar,

    /// <summary><see cref="Vector128{T}"/> (8 pixels per step), then scalar.</summary>
    Vector128,

    /// <summary><see cref="Vector256{T}"/> (16 pixels per step), then <see cref="Vector128{T}"/>, then scalar.</summary>
    Vector256,
}
