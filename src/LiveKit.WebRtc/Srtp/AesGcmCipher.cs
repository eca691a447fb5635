using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// SRTP_AEAD_AES_128_GCM (RFC 7714): one AEAD operation both encrypts and authenticates.
/// <code>
/// SRTP:  RTP header (AAD) | ciphertext | tag (16)                                  RFC 7714 §8
/// SRTCP: header + SSRC (8, AAD) | ciphertext | tag (16) | E + SRTCP index (4, AAD)   RFC 7714 §9, §17
/// </code>
/// </summary>
internal sealed class AesGcmCipher : SrtpCipher
{
    private const int TagLength = SrtpProtectionProfileExtensions.AesGcmTagLength;
    private const int SaltLength = SrtpProtectionProfileExtensions.AesGcmSaltLength;
    private const int KeyLength = SrtpProtectionProfileExtensions.Aes128KeyLength;
    private const int NonceLength = 12;

    /// <summary>IV layout (RFC 7714 §8.1, §9.1): 2 zero octets, SSRC, then ROC and SEQ (SRTP) or 2 zero octets and the index (SRTCP).</summary>
    private const int NonceSsrcOffset = 2;
    private const int NonceRocOffset = 6;
    private const int NonceSequenceOffset = 10;
    private const int NonceSrtcpIndexOffset = 8;

    /// <summary>SRTCP AAD: the 8-octet header followed by the index word (RFC 7714 §9.2).</summary>
    private const int RtcpAadLength = SrtpPacketHeader.RtcpClearHeaderLength + SrtcpIndexWordLength;

    private readonly AesGcm _rtp;
    private readonly AesGcm _rtcp;
    private readonly byte[] _rtpSalt = new byte[SaltLength];
    private readonly byte[] _rtcpSalt = new byte[SaltLength];
    private readonly byte[] _nonce = new byte[NonceLength];
    private readonly byte[] _rtcpAad = new byte[RtcpAadLength];
    private readonly byte[] _tag = new byte[TagLength];

    /// <summary>Derives the SRTP and SRTCP keys and salts (RFC 7714 §11) from a 16-octet master key and 12-octet master salt.</summary>
    public AesGcmCipher(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        Span<byte> key = stackalloc byte[KeyLength];
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtpEncryption, key);
        _rtp = new AesGcm(key, TagLength);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtpSalt, _rtpSalt);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtcpEncryption, key);
        _rtcp = new AesGcm(key, TagLength);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyLabel.RtcpSalt, _rtcpSalt);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>Creates the transform from already derived session keys and salts (the form RFC 7714 §16-17 gives its vectors in).</summary>
    internal AesGcmCipher(ReadOnlySpan<byte> rtpKey, ReadOnlySpan<byte> rtpSalt, ReadOnlySpan<byte> rtcpKey, ReadOnlySpan<byte> rtcpSalt)
    {
        _rtp = new AesGcm(rtpKey, TagLength);
        _rtcp = new AesGcm(rtcpKey, TagLength);
        rtpSalt.CopyTo(_rtpSalt);
        rtcpSalt.CopyTo(_rtcpSalt);
    }

    /// <inheritdoc />
    public override int RtpTrailerLength => TagLength;

    /// <inheritdoc />
    public override void EncryptRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint rolloverCounter, ushort sequence)
    {
        BuildRtpNonce(ssrc, rolloverCounter, sequence);
        Span<byte> payload = packet[headerLength..payloadEnd];
        _rtp.Encrypt(_nonce, payload, payload, packet.Slice(payloadEnd, TagLength), packet[..headerLength]);
    }

    /// <inheritdoc />
    public override bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence)
    {
        BuildRtpNonce(ssrc, rolloverCounter, sequence);
        int tagStart = packet.Length - TagLength;
        Span<byte> payload = packet[headerLength..tagStart];
        try
        {
            _rtp.Decrypt(_nonce, payload, packet[tagStart..], payload, packet[..headerLength]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // AesGcm reports a bad tag only by throwing; it stays inside this method as a status.
            return false;
        }
    }

    /// <inheritdoc />
    public override void EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex)
    {
        uint indexWord = SrtcpEncryptedFlag | srtcpIndex;
        BuildRtcpNonce(ssrc, srtcpIndex);
        BuildRtcpAad(packet, indexWord);
        Span<byte> payload = packet[SrtpPacketHeader.RtcpClearHeaderLength..length];
        _rtcp.Encrypt(_nonce, payload, payload, packet.Slice(length, TagLength), _rtcpAad);
        BinaryPrimitives.WriteUInt32BigEndian(packet[(length + TagLength)..], indexWord);
    }

    /// <inheritdoc />
    public override uint ReadSrtcpIndexWord(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[(packet.Length - SrtcpIndexWordLength)..]);

    /// <inheritdoc />
    public override bool DecryptRtcp(Span<byte> packet, uint ssrc, uint indexWord)
    {
        BuildRtcpNonce(ssrc, indexWord & SrtcpIndexMask);
        int tagStart = packet.Length - SrtcpIndexWordLength - TagLength;
        try
        {
            if ((indexWord & SrtcpEncryptedFlag) != 0)
            {
                BuildRtcpAad(packet, indexWord);
                Span<byte> payload = packet[SrtpPacketHeader.RtcpClearHeaderLength..tagStart];
                _rtcp.Decrypt(_nonce, payload, packet.Slice(tagStart, TagLength), payload, _rtcpAad);
                return true;
            }

            // E = 0: the whole packet and the index word are AAD and nothing is encrypted (RFC 7714 §9.2, §17).
            // Move the tag aside and the index word up behind the packet so the AAD is one contiguous span.
            packet.Slice(tagStart, TagLength).CopyTo(_tag);
            BinaryPrimitives.WriteUInt32BigEndian(packet[tagStart..], indexWord);
            _rtcp.Decrypt(_nonce, ReadOnlySpan<byte>.Empty, _tag, Span<byte>.Empty, packet[..(tagStart + SrtcpIndexWordLength)]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private void BuildRtpNonce(uint ssrc, uint rolloverCounter, ushort sequence)
    {
        Span<byte> nonce = _nonce;
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NonceSsrcOffset..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NonceRocOffset..], rolloverCounter);
        BinaryPrimitives.WriteUInt16BigEndian(nonce[NonceSequenceOffset..], sequence);
        XorSalt(nonce, _rtpSalt);
    }

    private void BuildRtcpNonce(uint ssrc, uint srtcpIndex)
    {
        Span<byte> nonce = _nonce;
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NonceSsrcOffset..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NonceSrtcpIndexOffset..], srtcpIndex & SrtcpIndexMask);
        XorSalt(nonce, _rtcpSalt);
    }

    private void BuildRtcpAad(ReadOnlySpan<byte> packet, uint indexWord)
    {
        packet[..SrtpPacketHeader.RtcpClearHeaderLength].CopyTo(_rtcpAad);
        BinaryPrimitives.WriteUInt32BigEndian(_rtcpAad.AsSpan(SrtpPacketHeader.RtcpClearHeaderLength), indexWord);
    }

    private static void XorSalt(Span<byte> nonce, ReadOnlySpan<byte> salt)
    {
        for (int i = 0; i < NonceLength; i++)
        {
            nonce[i] ^= salt[i];
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }
}
