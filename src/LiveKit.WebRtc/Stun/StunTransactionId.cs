using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// The 96-bit transaction ID of a STUN message (RFC 8489 §5), held by value so that reading and comparing one
/// allocates nothing.
/// </summary>
internal readonly record struct StunTransactionId
{
    /// <summary>The length of a transaction ID in bytes.</summary>
    public const int Length = 12;

    // Bytes 0-7 and 8-11 of the ID, big-endian, so that equality is two integer compares.
    private readonly ulong _high;
    private readonly uint _low;

    private StunTransactionId(ulong high, uint low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>Reads an ID from the first <see cref="Length"/> bytes of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is shorter than 12 bytes.</exception>
    public static StunTransactionId Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Length)
        {
            throw new ArgumentException("A STUN transaction ID is 12 bytes.", nameof(source));
        }

        return new StunTransactionId(
            BinaryPrimitives.ReadUInt64BigEndian(source),
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]));
    }

    /// <summary>
    /// A new ID from a cryptographically strong random source, as RFC 8489 §6 requires so that an off-path
    /// attacker cannot forge responses.
    /// </summary>
    public static StunTransactionId NewRandom()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        return Read(bytes);
    }

    /// <summary>Writes the ID to the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 12 bytes.</exception>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException("A STUN transaction ID is 12 bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], _low);
    }

    /// <inheritdoc />
    public override string ToString() => $"{_high:x16}{_low:x8}";
}
