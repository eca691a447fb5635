using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using LiveKit.WebRtc.Dtls;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Xunit;
using TlsHashAlgorithm = Org.BouncyCastle.Tls.HashAlgorithm;

namespace LiveKit.WebRtc.Tests.Dtls;

/// <summary>
/// The .NET signer must be interchangeable with BouncyCastle's: same key, same DER ECDSA-Sig-Value (RFC 8422 §5.4),
/// so a peer's BouncyCastle, BoringSSL or Go verifier accepts it.
/// </summary>
public class NativeEcdsaSignerTests
{
    private static readonly SignatureAndHashAlgorithm EcdsaSha256 = SignatureAndHashAlgorithm.GetInstance(TlsHashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    [Fact]
    public void Native_signature_verifies_with_bouncycastles_verifier_for_the_certificate()
    {
        DtlsCertificate certificate = DtlsTransportTests.OtherCertificate;
        byte[] hash = SHA256.HashData("ServerKeyExchange params"u8);

        byte[] signature = new NativeEcdsaSigner(certificate).GenerateRawSignature(EcdsaSha256, hash);

        Assert.True(BouncyCastleVerifies(certificate, hash, signature));
        Assert.Equal(0x30, signature[0]); // a DER SEQUENCE, not the IEEE P1363 r || s form
    }

    [Fact]
    public void Native_signature_does_not_verify_for_another_digest_or_certificate()
    {
        DtlsCertificate certificate = DtlsTransportTests.OtherCertificate;
        byte[] hash = SHA256.HashData("CertificateVerify transcript"u8);
        byte[] signature = new NativeEcdsaSigner(certificate).GenerateRawSignature(EcdsaSha256, hash);

        Assert.False(BouncyCastleVerifies(certificate, SHA256.HashData("another transcript"u8), signature));
        Assert.False(BouncyCastleVerifies(DtlsCertificate.Shared, hash, signature));
    }

    [Fact]
    public void Bouncycastle_signature_with_the_same_key_verifies_with_dotnet()
    {
        DtlsCertificate certificate = DtlsTransportTests.OtherCertificate;
        byte[] hash = SHA256.HashData("CertificateVerify transcript"u8);
        var bcSigner = new BcTlsECDsaSigner(new BcTlsCrypto(new SecureRandom()), (ECPrivateKeyParameters)certificate.PrivateKey);

        byte[] signature = bcSigner.GenerateRawSignature(EcdsaSha256, hash);

        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Der);
        using ECDsa publicKey = x509.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyHash(hash, signature, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task Concurrent_signatures_with_the_shared_certificate_all_verify()
    {
        DtlsCertificate certificate = DtlsTransportTests.OtherCertificate;
        bool[] verified = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            var signer = new NativeEcdsaSigner(certificate);
            return Enumerable.Range(0, 25).All(j =>
            {
                byte[] hash = SHA256.HashData(BitConverter.GetBytes((i * 1000) + j));
                return BouncyCastleVerifies(certificate, hash, signer.GenerateRawSignature(EcdsaSha256, hash));
            });
        })));

        Assert.All(verified, Assert.True);
    }

    [Fact]
    public void Other_signature_algorithms_are_refused()
    {
        var signer = new NativeEcdsaSigner(DtlsTransportTests.OtherCertificate);
        byte[] hash = SHA256.HashData("x"u8);

        Assert.Throws<TlsFatalAlert>(() => signer.GenerateRawSignature(SignatureAndHashAlgorithm.GetInstance(TlsHashAlgorithm.sha256, SignatureAlgorithm.rsa), hash));
        Assert.Null(signer.GetStreamSigner(EcdsaSha256));
    }

    private static bool BouncyCastleVerifies(DtlsCertificate certificate, byte[] hash, byte[] signature)
    {
        var crypto = new BcTlsCrypto(new SecureRandom());
        return new BcTlsCertificate(crypto, certificate.Der.ToArray())
            .CreateVerifier(SignatureAlgorithm.ecdsa)
            .VerifyRawSignature(new DigitallySigned(EcdsaSha256, signature), hash);
    }
}
