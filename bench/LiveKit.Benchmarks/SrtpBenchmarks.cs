using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.Benchmarks;

/// <summary>
/// One SRTP protect + unprotect round trip of an RTP packet with a 12-octet header and a 1200-octet payload, per
/// protection profile, against the raw .NET crypto the profile is built on, measured in the same run (the baseline
/// of each category):
/// <list type="bullet">
/// <item>AEAD_AES_128_GCM: <see cref="AesGcm.Encrypt(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, Span{byte}, ReadOnlySpan{byte})"/>
/// then <c>Decrypt</c> of the payload with the header as AAD, into preallocated buffers.</item>
/// <item>AES_CM_128_HMAC_SHA1_80: the keystream from one reused ECB <see cref="ICryptoTransform"/> over counter blocks
/// built once (so the baseline does not even pay for building them), XORed onto the payload, and HMAC-SHA1 over
/// header, payload and ROC with a reused <see cref="IncrementalHash"/>; the same again on the verify side, with a
/// constant-time tag compare.</item>
/// </list>
/// The SrtpContext variants keep one sender and one receiver context across iterations; each iteration writes the
/// next sequence number into the header, so the receiver's replay window accepts every packet and the ROC carries
/// the wrap at 65536. Both variants check the status and throw on failure, so a broken round trip cannot look fast.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SrtpBenchmarks
{
    private const string Gcm = "AEAD_AES_128_GCM";
    private const string Cm = "AES_CM_128_HMAC_SHA1_80";
    private const int HeaderLength = 12;
    private const int PayloadLength = 1200;
    private const int PacketLength = HeaderLength + PayloadLength;
    private const int GcmTagLength = 16;
    private const int CmTagLength = 10;
    private const int BlockLength = 16;
    private const uint Ssrc = 0x1234_5678;

    // Raw AES-GCM.
    private AesGcm _aesGcm = null!;
    private readonly byte[] _gcmNonce = new byte[12];
    private readonly byte[] _header = new byte[HeaderLength];
    private readonly byte[] _plaintext = new byte[PayloadLength];
    private readonly byte[] _ciphertext = new byte[PayloadLength];
    private readonly byte[] _decrypted = new byte[PayloadLength];
    private readonly byte[] _gcmTag = new byte[GcmTagLength];

    // Raw AES-CM + HMAC-SHA1.
    private Aes _aes = null!;
    private ICryptoTransform _ecb = null!;
    private IncrementalHash _hmac = null!;
    private readonly byte[] _counterBlocks = new byte[(PayloadLength + BlockLength - 1) / BlockLength * BlockLength];
    private readonly byte[] _keystream = new byte[(PayloadLength + BlockLength - 1) / BlockLength * BlockLength];
    private readonly byte[] _cmPacket = new byte[PacketLength + CmTagLength];
    private readonly byte[] _roc = new byte[4];
    private readonly byte[] _sha1 = new byte[20];

    // SrtpContext round trips.
    private SrtpContext _gcmSender = null!;
    private SrtpContext _gcmReceiver = null!;
    private SrtpContext _cmSender = null!;
    private SrtpContext _cmReceiver = null!;
    private readonly byte[] _gcmBuffer = new byte[PacketLength + GcmTagLength];
    private readonly byte[] _cmBuffer = new byte[PacketLength + CmTagLength];
    private ushort _gcmSequence;
    private ushort _cmSequence;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        byte[] key = new byte[16];
        byte[] gcmSalt = new byte[12];
        byte[] cmSalt = new byte[14];
        random.NextBytes(key);
        random.NextBytes(gcmSalt);
        random.NextBytes(cmSalt);
        random.NextBytes(_plaintext);
        random.NextBytes(_gcmNonce);
        WriteHeader(_header, 1);

        _aesGcm = new AesGcm(key, GcmTagLength);

        _aes = Aes.Create();
        _aes.Key = key;
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, new byte[20]);
        byte[] iv = new byte[BlockLength];
        random.NextBytes(iv.AsSpan(0, 14));
        for (int b = 0; b < _counterBlocks.Length / BlockLength; b++)
        {
            Span<byte> counter = _counterBlocks.AsSpan(b * BlockLength, BlockLength);
            iv.CopyTo(counter);
            BinaryPrimitives.WriteUInt16BigEndian(counter[14..], (ushort)b);
        }

        _header.CopyTo(_cmPacket, 0);
        _plaintext.CopyTo(_cmPacket, HeaderLength);

        _gcmSender = new SrtpContext(SrtpProtectionProfile.AeadAes128Gcm, key, gcmSalt);
        _gcmReceiver = new SrtpContext(SrtpProtectionProfile.AeadAes128Gcm, key, gcmSalt);
        _cmSender = new SrtpContext(SrtpProtectionProfile.Aes128CmHmacSha1_80, key, cmSalt);
        _cmReceiver = new SrtpContext(SrtpProtectionProfile.Aes128CmHmacSha1_80, key, cmSalt);
        _plaintext.CopyTo(_gcmBuffer, HeaderLength);
        _plaintext.CopyTo(_cmBuffer, HeaderLength);

        // Every variant must leave the payload as it found it: check once before measuring.
        RawAesGcm();
        RawAesCmHmacSha1();
        SrtpContextGcm();
        SrtpContextCm();
        if (!_decrypted.AsSpan().SequenceEqual(_plaintext)
            || !_cmPacket.AsSpan(HeaderLength, PayloadLength).SequenceEqual(_plaintext)
            || !_gcmBuffer.AsSpan(HeaderLength, PayloadLength).SequenceEqual(_plaintext)
            || !_cmBuffer.AsSpan(HeaderLength, PayloadLength).SequenceEqual(_plaintext))
        {
            throw new InvalidOperationException("A round trip did not restore the payload.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aesGcm.Dispose();
        _ecb.Dispose();
        _aes.Dispose();
        _hmac.Dispose();
        _gcmSender.Dispose();
        _gcmReceiver.Dispose();
        _cmSender.Dispose();
        _cmReceiver.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw AesGcm encrypt + decrypt")]
    [BenchmarkCategory(Gcm)]
    public void RawAesGcm()
    {
        _aesGcm.Encrypt(_gcmNonce, _plaintext, _ciphertext, _gcmTag, _header);
        _aesGcm.Decrypt(_gcmNonce, _ciphertext, _gcmTag, _decrypted, _header);
    }

    [Benchmark(Description = "SrtpContext protect + unprotect")]
    [BenchmarkCategory(Gcm)]
    public void SrtpContextGcm() => RoundTrip(_gcmSender, _gcmReceiver, _gcmBuffer, ref _gcmSequence);

    [Benchmark(Baseline = true, Description = "Raw AES-ECB keystream + HMAC-SHA1, both sides")]
    [BenchmarkCategory(Cm)]
    public void RawAesCmHmacSha1()
    {
        Span<byte> payload = _cmPacket.AsSpan(HeaderLength, PayloadLength);

        // Protect: encrypt, then tag header | payload | ROC.
        _ecb.TransformBlock(_counterBlocks, 0, _counterBlocks.Length, _keystream, 0);
        Xor(payload, _keystream);
        _hmac.AppendData(_cmPacket, 0, PacketLength);
        _hmac.AppendData(_roc);
        _hmac.GetHashAndReset(_sha1);
        _sha1.AsSpan(0, CmTagLength).CopyTo(_cmPacket.AsSpan(PacketLength));

        // Unprotect: verify the tag, then decrypt.
        _hmac.AppendData(_cmPacket, 0, PacketLength);
        _hmac.AppendData(_roc);
        _hmac.GetHashAndReset(_sha1);
        if (!CryptographicOperations.FixedTimeEquals(_sha1.AsSpan(0, CmTagLength), _cmPacket.AsSpan(PacketLength, CmTagLength)))
        {
            throw new InvalidOperationException("Tag mismatch.");
        }

        _ecb.TransformBlock(_counterBlocks, 0, _counterBlocks.Length, _keystream, 0);
        Xor(payload, _keystream);
    }

    [Benchmark(Description = "SrtpContext protect + unprotect")]
    [BenchmarkCategory(Cm)]
    public void SrtpContextCm() => RoundTrip(_cmSender, _cmReceiver, _cmBuffer, ref _cmSequence);

    private static void RoundTrip(SrtpContext sender, SrtpContext receiver, byte[] buffer, ref ushort sequence)
    {
        WriteHeader(buffer, ++sequence);
        if (sender.ProtectRtp(buffer, PacketLength, out int protectedLength) != SrtpStatus.Ok
            || receiver.UnprotectRtp(buffer.AsSpan(0, protectedLength), out _) != SrtpStatus.Ok)
        {
            throw new InvalidOperationException("SRTP round trip failed.");
        }
    }

    /// <summary>RTP header: V = 2, no padding, extension or CSRC, PT 111, then sequence, timestamp and SSRC.</summary>
    private static void WriteHeader(Span<byte> packet, ushort sequence)
    {
        packet[0] = 0x80;
        packet[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], sequence * 960u);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], Ssrc);
    }

    private static void Xor(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        int i = 0;
        int width = Vector<byte>.Count;
        for (; i + width <= data.Length; i += width)
        {
            (new Vector<byte>(data[i..]) ^ new Vector<byte>(keystream[i..])).CopyTo(data[i..]);
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }
}
