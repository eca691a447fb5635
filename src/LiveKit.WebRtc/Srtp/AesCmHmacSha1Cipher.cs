using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode (RFC 3711 §4.1.1) and HMAC-SHA1 truncated to 80 bits (§4.2.1).
/// <code>
/// SRTP:  RTP header | encrypted payload | auth tag (10)                       tag over header, payload, ROC
/// SRTCP: header + SSRC (8) | encrypted payload | E + SRTCP index (4) | auth tag (10)   tag over all before it
/// </code>
/// </summary>
internal sealed class AesCmHmacSha1Cipher : SrtpCipher
{
    private const int TagLength = SrtpProtectionProfileExtensions.HmacSha1_80TagLength;
    private const int SaltLength = SrtpProtectionProfileExtensions.AesCmSaltLength;
    private const int KeyLength = SrtpProtectionProfileExtensions.Aes128KeyLength;
    private const int AuthKeyLength = SrtpProtectionProfileExtensions.HmacSha1KeyLength;
    private const int Sha1Length = 20;
    private const int RocLength = 4;

    /// <summary>IV octets the SSRC is XORed into: SSRC * 2^64 in a 128-bit IV (RFC 3711 §4.1.1).</summary>
    private const int IvSsrcOffset = 4;

    /// <summary>IV octets the 48-bit packet index is XORed into: i * 2^16.</summary>
    private const int IvIndexOffset = 8;

    private readonly AesCounterMode _rtpCipher;
    private readonly AesCounterMode _rtcpCipher;
    private readonly byte[] _rtpSalt = new byte[SaltLength];
    private readonly byte[] _rtcpSalt = new byte[SaltLength];
    private readonly IncrementalHash _rtpMac;
    private readonly IncrementalHash _rtcpMac;
    private readonly byte[] _iv = new byte[AesCounterMode.BlockLength];
    private readonly byte[] _mac = new byte[Sha1Length];
    private readonly byte[] _roc = new byte[RocLength];

    /// <summary>Derives the six session keys (RFC 3711 §4.3) from a 16-octet master key and 14-octet master salt.</summary>
    public AesCmHmacSha1Cipher(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        Span<byte> key = stackalloc byte[KeyLength];
        Span<byte> authKey = stackalloc byte[AuthKeyLength];

        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtpEncryption, key);
        _rtpCipher = new AesCounterMode(key);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtpSalt, _rtpSalt);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtpAuthentication, authKey);
        _rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authKey);

        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtcpEncryption, key);
        _rtcpCipher = new AesCounterMode(key);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtcpSalt, _rtcpSalt);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtcpAuthentication, authKey);
        _rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authKey);

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(authKey);
    }

    /// <inheritdoc />
    public override int RtpTrailerLength => TagLength;

    /// <inheritdoc />
    public override void EncryptRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint rolloverCounter, ushort sequence)
    {
        BuildIv(_rtpSalt, ssrc, ((ulong)rolloverCounter << 16) | sequence);
        _rtpCipher.Apply(_iv, packet[headerLength..payloadEnd]);
        ComputeRtpTag(packet[..payloadEnd], rolloverCounter);
        _mac.AsSpan(0, TagLength).CopyTo(packet[payloadEnd..]);
    }

    /// <inheritdoc />
    public override bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence)
    {
        // RFC 3711 §3.3 steps 5 and 6: authenticate first, then decrypt.
        int tagStart = packet.Length - TagLength;
        ComputeRtpTag(packet[..tagStart], rolloverCounter);
        if (!CryptographicOperations.FixedTimeEquals(_mac.AsSpan(0, TagLength), packet[tagStart..]))
        {
            return false;
        }

        BuildIv(_rtpSalt, ssrc, ((ulong)rolloverCounter << 16) | sequence);
        _rtpCipher.Apply(_iv, packet[headerLength..tagStart]);
        return true;
    }

    /// <inheritdoc />
    public override void EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex)
    {
        BuildIv(_rtcpSalt, ssrc, srtcpIndex);
        _rtcpCipher.Apply(_iv, packet[SrtpPacketHeader.RtcpClearHeaderLength..length]);
        BinaryPrimitives.WriteUInt32BigEndian(packet[length..], SrtcpEncryptedFlag | srtcpIndex);
        int authenticatedEnd = length + SrtcpIndexWordLength;
        ComputeRtcpTag(packet[..authenticatedEnd]);
        _mac.AsSpan(0, TagLength).CopyTo(packet[authenticatedEnd..]);
    }

    /// <inheritdoc />
    public override uint ReadSrtcpIndexWord(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[(packet.Length - TagLength - SrtcpIndexWordLength)..]);

    /// <inheritdoc />
    public override bool DecryptRtcp(Span<byte> packet, uint ssrc, uint indexWord)
    {
        int tagStart = packet.Length - TagLength;
        ComputeRtcpTag(packet[..tagStart]);
        if (!CryptographicOperations.FixedTimeEquals(_mac.AsSpan(0, TagLength), packet[tagStart..]))
        {
            return false;
        }

        if ((indexWord & SrtcpEncryptedFlag) != 0)
        {
            BuildIv(_rtcpSalt, ssrc, indexWord & SrtcpIndexMask);
            _rtcpCipher.Apply(_iv, packet[SrtpPacketHeader.RtcpClearHeaderLength..(tagStart - SrtcpIndexWordLength)]);
        }

        return true;
    }

    /// <summary>IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16) (RFC 3711 §4.1.1); SRTCP uses its index as i.</summary>
    private void BuildIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index)
    {
        Span<byte> iv = _iv;
        iv.Clear();
        salt.CopyTo(iv);
        iv[IvSsrcOffset] ^= (byte)(ssrc >> 24);
        iv[IvSsrcOffset + 1] ^= (byte)(ssrc >> 16);
        iv[IvSsrcOffset + 2] ^= (byte)(ssrc >> 8);
        iv[IvSsrcOffset + 3] ^= (byte)ssrc;
        for (int i = 0; i < 6; i++)
        {
            iv[IvIndexOffset + i] ^= (byte)(index >> (40 - (8 * i)));
        }
    }

    /// <summary>The SRTP tag covers the authenticated portion followed by the ROC (RFC 3711 §4.2).</summary>
    private void ComputeRtpTag(ReadOnlySpan<byte> authenticatedPortion, uint rolloverCounter)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_roc, rolloverCounter);
        _rtpMac.AppendData(authenticatedPortion);
        _rtpMac.AppendData(_roc);
        _rtpMac.GetHashAndReset(_mac);
    }

    /// <summary>The SRTCP tag covers the header, payload and index word (RFC 3711 §3.4).</summary>
    private void ComputeRtcpTag(ReadOnlySpan<byte> authenticatedPortion)
    {
        _rtcpMac.AppendData(authenticatedPortion);
        _rtcpMac.GetHashAndReset(_mac);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _rtpCipher.Dispose();
        _rtcpCipher.Dispose();
        _rtpMac.Dispose();
        _rtcpMac.Dispose();
    }
}
