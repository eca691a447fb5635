using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// BouncyCastle's TLS crypto with the peer's P-256 ECDSA signatures verified in .NET (<see cref="NativeEcdsaVerifier"/>);
/// our own signatures are made in .NET too (<see cref="NativeEcdsaSigner"/>). Everything else (x25519, AES-GCM, the
/// PRF) stays BouncyCastle's.
/// </summary>
internal sealed class DtlsCrypto : BcTlsCrypto
{
    /// <summary>Creates the crypto for one handshake.</summary>
    public DtlsCrypto(SecureRandom random)
        : base(random)
    {
    }

    /// <inheritdoc />
    public override TlsCertificate CreateCertificate(short type, byte[] encoding) =>
        type == CertificateType.X509 ? new PeerCertificate(this, encoding) : base.CreateCertificate(type, encoding);

    /// <summary>An X.509 certificate whose ECDSA verifier is .NET's when the key is P-256.</summary>
    private sealed class PeerCertificate : BcTlsCertificate
    {
        public PeerCertificate(BcTlsCrypto crypto, byte[] encoding)
            : base(crypto, encoding)
        {
        }

        public override TlsVerifier CreateVerifier(short signatureAlgorithm)
        {
            if (signatureAlgorithm == SignatureAlgorithm.ecdsa)
            {
                ValidateKeyUsage(Org.BouncyCastle.Asn1.X509.KeyUsage.DigitalSignature);
                if (NativeEcdsaVerifier.TryCreate(GetPubKeyEC()) is { } native)
                {
                    return native;
                }
            }

            return base.CreateVerifier(signatureAlgorithm);
        }
    }
}
