namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// An SRTP protection profile negotiated in the DTLS use_srtp extension (RFC 5764 §4.1.2, RFC 7714 §14.2).
/// The numeric values are the two-byte identifiers carried on the wire.
/// </summary>
public enum SrtpProtectionProfile : ushort
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 5764 §4.1.2).</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>SRTP_AEAD_AES_128_GCM: AES-128 in Galois/Counter mode with a 16-octet tag (RFC 7714 §14.2).</summary>
    AeadAes128Gcm = 0x0007,
}

/// <summary>Key, salt and tag lengths of each <see cref="SrtpProtectionProfile"/>.</summary>
internal static class SrtpProtectionProfileExtensions
{
    /// <summary>Master and session encryption key length for both profiles: 128 bits.</summary>
    public const int Aes128KeyLength = 16;

    /// <summary>Master and session salt length for AES-CM: 112 bits (RFC 3711 §8.2).</summary>
    public const int AesCmSaltLength = 14;

    /// <summary>Master and session salt length for AES-GCM: 96 bits (RFC 7714 §12).</summary>
    public const int AesGcmSaltLength = 12;

    /// <summary>HMAC-SHA1 session authentication key length: 160 bits (RFC 3711 §8.2).</summary>
    public const int HmacSha1KeyLength = 20;

    /// <summary>HMAC-SHA1-80 tag length: 80 bits (RFC 3711 §5.2).</summary>
    public const int HmacSha1_80TagLength = 10;

    /// <summary>AEAD AES-GCM tag length: 16 octets (RFC 7714 §12).</summary>
    public const int AesGcmTagLength = 16;

    /// <summary>Whether this implementation supports the profile.</summary>
    public static bool IsSupported(this SrtpProtectionProfile profile) =>
        profile is SrtpProtectionProfile.Aes128CmHmacSha1_80 or SrtpProtectionProfile.AeadAes128Gcm;

    /// <summary>Master key length in octets.</summary>
    public static int GetMasterKeyLength(this SrtpProtectionProfile profile) => Aes128KeyLength;

    /// <summary>Master salt length in octets.</summary>
    public static int GetMasterSaltLength(this SrtpProtectionProfile profile) =>
        profile == SrtpProtectionProfile.AeadAes128Gcm ? AesGcmSaltLength : AesCmSaltLength;

    /// <summary>Session authentication key length in octets (zero for AEAD, whose tag needs no separate key).</summary>
    public static int GetAuthKeyLength(this SrtpProtectionProfile profile) =>
        profile == SrtpProtectionProfile.AeadAes128Gcm ? 0 : HmacSha1KeyLength;

    /// <summary>Authentication tag length in octets appended to each SRTP and SRTCP packet.</summary>
    public static int GetAuthTagLength(this SrtpProtectionProfile profile) =>
        profile == SrtpProtectionProfile.AeadAes128Gcm ? AesGcmTagLength : HmacSha1_80TagLength;
}
