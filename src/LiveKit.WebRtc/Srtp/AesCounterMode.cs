using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): keystream block i is AES(k_e, IV + i), XORed onto the data.
/// Counter blocks are built in a preallocated buffer and encrypted in batches by one reused ECB transform:
/// <see cref="SymmetricAlgorithm.EncryptEcb(ReadOnlySpan{byte}, Span{byte}, PaddingMode)"/> allocates 64 B per call,
/// <see cref="ICryptoTransform.TransformBlock"/> on a kept transform allocates nothing. Not thread-safe.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    /// <summary>Length of the IV and of each keystream block.</summary>
    public const int BlockLength = 16;

    /// <summary>Blocks encrypted per ECB call: 2 KiB, so any payload that fits a UDP datagram on an Ethernet MTU takes one call.</summary>
    private const int BatchBlocks = 128;

    private readonly Aes _aes;
    private readonly ICryptoTransform _encryptor;
    private readonly byte[] _counterBlocks = new byte[BatchBlocks * BlockLength];
    private readonly byte[] _keystream = new byte[BatchBlocks * BlockLength];

    /// <summary>Creates the cipher for a 128-bit session encryption key.</summary>
    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _encryptor = _aes.CreateEncryptor();
    }

    /// <summary>
    /// XORs the keystream for <paramref name="iv"/> onto <paramref name="data"/> in place (encryption and decryption are the same).
    /// At most 2^16 blocks (1 MiB) per IV, far above any UDP datagram.
    /// </summary>
    public void Apply(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        // The IV as a 128-bit big-endian integer; its last 16 bits are zero (salt, SSRC and index are all shifted by
        // 2^16), so block i's counter is the IV with i XORed into the low word.
        ulong ivHigh = BinaryPrimitives.ReadUInt64BigEndian(iv);
        ulong ivLow = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]);
        int blockIndex = 0;
        int offset = 0;
        while (offset < data.Length)
        {
            int chunk = Math.Min(data.Length - offset, _keystream.Length);
            int blocks = (chunk + BlockLength - 1) / BlockLength;
            int batchLength = blocks * BlockLength;
            Span<byte> counters = _counterBlocks.AsSpan(0, batchLength);
            for (int b = 0; b < blocks; b++, blockIndex++)
            {
                Span<byte> counter = counters.Slice(b * BlockLength, BlockLength);
                BinaryPrimitives.WriteUInt64BigEndian(counter, ivHigh);
                BinaryPrimitives.WriteUInt64BigEndian(counter[8..], ivLow ^ (ushort)blockIndex);
            }

            // ECB keeps no state between blocks, so one transform serves every call.
            _encryptor.TransformBlock(_counterBlocks, 0, batchLength, _keystream, 0);
            Xor(data.Slice(offset, chunk), _keystream.AsSpan(0, batchLength));
            offset += chunk;
        }
    }

    private static void Xor(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        int i = 0;
        int width = Vector<byte>.Count;
        for (; i + width <= data.Length; i += width)
        {
            Vector<byte> result = new Vector<byte>(data[i..]) ^ new Vector<byte>(keystream[i..]);
            result.CopyTo(data[i..]);
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _encryptor.Dispose();
        _aes.Dispose();
    }
}
