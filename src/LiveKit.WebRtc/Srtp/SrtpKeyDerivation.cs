using System;
using System.Security.Cryptography;

namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// The AES-CM pseudo-random function that turns a master key and salt into session keys (RFC 3711 §4.3.1, §4.3.3).
/// The key derivation rate is zero (the WebRTC default), so "index DIV kdr" is always zero and keys are derived once.
/// </summary>
internal static class SrtpKeyDerivation
{
    private const int BlockLength = 16;

    /// <summary>The octet of the PRF input the label is XORed into: key_id = label || 48-bit r sits at the low end of a 112-bit salt.</summary>
    private const int LabelOffset = 7;

    /// <summary>Offset of the 16-bit block counter: x * 2^16 leaves the last two octets for AES-CM's counter.</summary>
    private const int CounterOffset = 14;

    /// <summary>
    /// Derives <paramref name="output"/>.Length octets for <paramref name="label"/>.
    /// A 96-bit GCM master salt (RFC 7714 §11) is used as the high-order octets of the 112-bit PRF salt, as libsrtp and pion do.
    /// </summary>
    public static void Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        if (masterSalt.Length > SrtpProtectionProfileExtensions.AesCmSaltLength)
        {
            throw new ArgumentException("The master salt is longer than 112 bits.", nameof(masterSalt));
        }

        using Aes aes = Aes.Create();
        aes.Key = masterKey.ToArray();

        Span<byte> input = stackalloc byte[BlockLength];
        Span<byte> block = stackalloc byte[BlockLength];
        int written = 0;
        for (int counter = 0; written < output.Length; counter++)
        {
            // x = key_id XOR master_salt, then x * 2^16 + counter is the AES-CM input block (RFC 3711 §4.3.3, Appendix B.3).
            input.Clear();
            masterSalt.CopyTo(input);
            input[LabelOffset] ^= label;
            input[CounterOffset] = (byte)(counter >> 8);
            input[CounterOffset + 1] = (byte)counter;
            aes.EncryptEcb(input, block, PaddingMode.None);

            int take = Math.Min(BlockLength, output.Length - written);
            block[..take].CopyTo(output[written..]);
            written += take;
        }
    }
}
