using System;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// CRC-32 of ISO/IEC 3309 / ITU-T V.42 (the one in Ethernet and zlib), which FINGERPRINT uses (RFC 8489 §14.7):
/// reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF. Table-driven, one byte per step.
/// </summary>
internal static class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;
    private const uint InitialValue = 0xFFFFFFFF;
    private const uint FinalXor = 0xFFFFFFFF;

    private static readonly uint[] s_table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint[] table = s_table;
        uint crc = InitialValue;
        foreach (byte b in data)
        {
            crc = table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return crc ^ FinalXor;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            uint entry = i;
            for (int bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ ReflectedPolynomial : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
