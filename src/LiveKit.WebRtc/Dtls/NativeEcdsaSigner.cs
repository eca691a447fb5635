using System.Security.Cryptography;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// Signs our ServerKeyExchange or CertificateVerify with the certificate's P-256 key through .NET's
/// <see cref="ECDsa"/>. BouncyCastle passes the digest it computed with the negotiated hash (SHA-256 for
/// ecdsa_secp256r1_sha256); the signature is the DER <c>ECDSA-Sig-Value</c> TLS 1.2 carries (RFC 8422 §5.4).
/// </summary>
internal sealed class NativeEcdsaSigner : TlsSigner
{
    private readonly DtlsCertificate _certificate;

    /// <summary>Creates a signer using <paramref name="certificate"/>'s private key.</summary>
    public NativeEcdsaSigner(DtlsCertificate certificate)
    {
        _certificate = certificate;
    }

    /// <inheritdoc />
    public byte[] GenerateRawSignature(SignatureAndHashAlgorithm algorithm, byte[] hash)
    {
        // DTLS 1.2 always names the algorithm (RFC 5246 §4.7); a null one would mean a pre-1.2 MD5/SHA-1 digest.
        if (algorithm is null || algorithm.Signature != SignatureAlgorithm.ecdsa)
        {
            throw new TlsFatalAlert(AlertDescription.internal_error, $"An ECDSA key cannot make a {algorithm?.ToString() ?? "pre-TLS 1.2"} signature.");
        }

        return _certificate.SignHash(hash);
    }

    /// <summary>None: ECDSA signs a digest, so BouncyCastle hashes and calls <see cref="GenerateRawSignature"/>.</summary>
    public TlsStreamSigner? GetStreamSigner(SignatureAndHashAlgorithm algorithm) => null;
}
