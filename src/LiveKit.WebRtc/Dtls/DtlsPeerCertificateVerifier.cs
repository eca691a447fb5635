using Org.BouncyCastle.Tls;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// Checks the certificate the peer presents against the fingerprint from its SDP (RFC 5763 §5: "the endpoint MUST
/// check that the certificate presented ... matches the fingerprint"). Self-signed certificates carry no chain to
/// validate; the fingerprint, delivered over the authenticated signalling channel, is the whole trust decision.
/// Runs on the handshake thread; the result is read after the handshake.
/// </summary>
internal sealed class DtlsPeerCertificateVerifier
{
    private readonly DtlsFingerprint _expected;

    /// <summary>Creates a verifier for the fingerprint from the remote <c>a=fingerprint</c>.</summary>
    public DtlsPeerCertificateVerifier(DtlsFingerprint expected)
    {
        _expected = expected;
    }

    /// <summary>Whether a matching certificate was seen.</summary>
    public bool IsVerified { get; private set; }

    /// <summary>The failure, set when the peer's certificate did not match (or was missing).</summary>
    public DtlsFingerprintMismatchException? Mismatch { get; private set; }

    /// <summary>The failure to report when the handshake finished without the peer presenting a certificate.</summary>
    public DtlsFingerprintMismatchException MissingCertificate() => new(_expected, null);

    /// <summary>
    /// Verifies the end-entity certificate. On mismatch throws a bad_certificate alert, which BouncyCastle sends to the
    /// peer before aborting the handshake (RFC 5246 §7.2.2); <see cref="Mismatch"/> keeps the details for our caller.
    /// </summary>
    public void Verify(Certificate? certificate)
    {
        if (certificate is null || certificate.IsEmpty)
        {
            Mismatch = new DtlsFingerprintMismatchException(_expected, null);
            throw new TlsFatalAlert(AlertDescription.bad_certificate, Mismatch.Message);
        }

        byte[] der = certificate.GetCertificateAt(0).GetEncoded();
        if (!_expected.Matches(der))
        {
            Mismatch = new DtlsFingerprintMismatchException(_expected, DtlsFingerprint.Compute(der, _expected.Algorithm));
            throw new TlsFatalAlert(AlertDescription.bad_certificate, Mismatch.Message);
        }

        IsVerified = true;
    }
}
