using System;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// The certificate the peer presented in the DTLS handshake does not hash to the fingerprint it signalled in SDP
/// (RFC 5763 §5, RFC 8122 §5): the handshake was aborted with a bad_certificate alert.
/// </summary>
public sealed class DtlsFingerprintMismatchException : DtlsHandshakeException
{
    /// <summary>Creates the exception for the expected (SDP) and actual (certificate) fingerprints.</summary>
    internal DtlsFingerprintMismatchException(DtlsFingerprint expected, DtlsFingerprint? actual, Exception? innerException = null)
        : base(
            actual is null
                ? $"The peer presented no certificate, but a=fingerprint requires one matching {expected}."
                : $"The peer's certificate fingerprint {actual} does not match a=fingerprint {expected}.",
            innerException)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The fingerprint from the remote SDP.</summary>
    public DtlsFingerprint Expected { get; }

    /// <summary>The fingerprint of the certificate the peer presented (same hash function), or null if it sent none.</summary>
    public DtlsFingerprint? Actual { get; }
}
