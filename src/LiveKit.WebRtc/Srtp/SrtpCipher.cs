using System;

namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// The transform of one protection profile: session keys for SRTP and SRTCP, and the in-place encrypt/authenticate
/// and verify/decrypt steps. Index bookkeeping (ROC, SRTCP index, replay) lives in <see cref="SrtpContext"/>. Not thread-safe.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    /// <summary>The E flag of the SRTCP index word: set when the payload is encrypted (RFC 3711 §3.4).</summary>
    public const uint SrtcpEncryptedFlag = 0x8000_0000;

    /// <summary>The 31-bit SRTCP index below the E flag (RFC 3711 §3.4).</summary>
    public const uint SrtcpIndexMask = 0x7FFF_FFFF;

    /// <summary>Length of the E flag and SRTCP index word.</summary>
    public const int SrtcpIndexWordLength = 4;

    /// <summary>Octets appended to an RTP packet (the authentication tag; no MKI).</summary>
    public abstract int RtpTrailerLength { get; }

    /// <summary>Octets appended to an RTCP packet (the index word and the authentication tag; no MKI).</summary>
    public int RtcpTrailerLength => SrtcpIndexWordLength + RtpTrailerLength;

    /// <summary>Creates the transform for <paramref name="profile"/> from the master key and salt.</summary>
    public static SrtpCipher Create(SrtpProtectionProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (!profile.IsSupported())
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP protection profile.");
        }

        if (masterKey.Length != profile.GetMasterKeyLength() || masterSalt.Length != profile.GetMasterSaltLength())
        {
            throw new ArgumentException($"{profile} needs a {profile.GetMasterKeyLength()}-octet master key and a {profile.GetMasterSaltLength()}-octet master salt.");
        }

        return profile == SrtpProtectionProfile.AeadAes128Gcm
            ? new AesGcmCipher(masterKey, masterSalt)
            : new AesCmHmacSha1Cipher(masterKey, masterSalt);
    }

    /// <summary>
    /// Encrypts packet[headerLength..payloadEnd] in place and writes the tag at payloadEnd.
    /// The caller guarantees room for <see cref="RtpTrailerLength"/> octets.
    /// </summary>
    public abstract void EncryptRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint rolloverCounter, ushort sequence);

    /// <summary>Verifies the tag at the end of <paramref name="packet"/> and, if it matches, decrypts the payload in place.</summary>
    public abstract bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence);

    /// <summary>Encrypts packet[8..length] in place and appends the index word (E = 1) and the tag.</summary>
    public abstract void EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex);

    /// <summary>Reads the E flag and SRTCP index word of a protected packet at least 8 + <see cref="RtcpTrailerLength"/> long.</summary>
    public abstract uint ReadSrtcpIndexWord(ReadOnlySpan<byte> packet);

    /// <summary>Verifies the tag and, when the E flag is set, decrypts packet[8..] in place.</summary>
    public abstract bool DecryptRtcp(Span<byte> packet, uint ssrc, uint indexWord);

    /// <inheritdoc />
    public abstract void Dispose();
}
