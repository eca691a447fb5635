namespace LiveKit.WebRtc.Srtp;

/// <summary>Key derivation labels (RFC 3711 §4.3.1 and §4.3.2).</summary>
internal static class SrtpKeyLabel
{
    /// <summary>SRTP encryption key, k_e.</summary>
    public const byte RtpEncryption = 0x00;

    /// <summary>SRTP authentication key, k_a.</summary>
    public const byte RtpAuthentication = 0x01;

    /// <summary>SRTP salting key, k_s.</summary>
    public const byte RtpSalt = 0x02;

    /// <summary>SRTCP encryption key.</summary>
    public const byte RtcpEncryption = 0x03;

    /// <summary>SRTCP authentication key.</summary>
    public const byte RtcpAuthentication = 0x04;

    /// <summary>SRTCP salting key.</summary>
    public const byte RtcpSalt = 0x05;
}
