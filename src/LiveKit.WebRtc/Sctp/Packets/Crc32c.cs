using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// CRC32c (Castagnoli, reflected polynomial 0x82F63B78), the SCTP checksum (RFC 9260 §6.8, Appendix A): initial
/// value and final XOR 0xFFFFFFFF. Uses the SSE4.2 CRC32 instruction eight bytes at a time where present, otherwise
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>, which picks the Arm instruction or a software table.
/// </summary>
internal static class Crc32c
{
    /// <summary>The register's value before any byte is processed.</summary>
    public const uint InitialState = 0xFFFFFFFF;

    private const uint FinalXor = 0xFFFFFFFF;

    /// <summary>The CRC32c of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Update(InitialState, data) ^ FinalXor;

    /// <summary>
    /// Feeds <paramref name="data"/> into a running register (start from <see cref="InitialState"/>; the CRC is the
    /// final register XOR 0xFFFFFFFF). Lets a caller checksum a packet piecewise, e.g. with a zeroed checksum field.
    /// </summary>
    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        // The CRC is reflected, so eight bytes read little-endian process in the same order as one byte at a time.
        while (data.Length >= sizeof(ulong))
        {
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(data);
            state = Sse42.X64.IsSupported ? (uint)Sse42.X64.Crc32(state, word) : BitOperations.Crc32C(state, word);
            data = data[sizeof(ulong)..];
        }

        foreach (byte b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return state;
    }
}
