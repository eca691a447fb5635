using System;
using System.Security.Cryptography;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// A <see cref="Random"/> drawing from the OS CSPRNG, the default for credentials and tie-breakers, which must be
/// unguessable (RFC 8445 §5.3). Tests pass a seeded <see cref="Random"/> instead.
/// </summary>
internal sealed class IceCryptoRandom : Random
{
    /// <inheritdoc/>
    public override int Next(int maxValue) => RandomNumberGenerator.GetInt32(maxValue);

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue) => RandomNumberGenerator.GetInt32(minValue, maxValue);

    /// <inheritdoc/>
    public override int Next() => RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    /// <inheritdoc/>
    public override double NextDouble() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;

    /// <inheritdoc/>
    public override long NextInt64() => NextInt64(long.MaxValue);

    /// <inheritdoc/>
    public override long NextInt64(long maxValue) => NextInt64(0, maxValue);

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        ulong range = (ulong)(maxValue - minValue);
        return range == 0 ? minValue : minValue + (long)(BitConverter.ToUInt64(bytes) % range);
    }
}
