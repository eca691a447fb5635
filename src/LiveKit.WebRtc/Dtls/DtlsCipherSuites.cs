using Org.BouncyCastle.Tls;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// The DTLS 1.2 cipher suites both roles offer, in preference order. Our certificate is ECDSA P-256, so only
/// ECDHE_ECDSA suites apply; AES-128-GCM is what browsers and pion negotiate (RFC 8827 §6.5 requires it). AES-GCM only,
/// so that every protected record has the same minimum length, which <see cref="DtlsRecordFilter"/> relies on.
/// </summary>
internal static class DtlsCipherSuites
{
    /// <summary>The suites, most preferred first.</summary>
    public static int[] Supported =>
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    ];
}
