using System.Security.Cryptography;
using LiveKit.WebRtc.Dtls;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Xunit;
using TlsHashAlgorithm = Org.BouncyCastle.Tls.HashAlgorithm;

namespace LiveKit.WebRtc.Tests.Dtls;

/// <summary>The peer's ECDSA signatures are verified in .NET when its key is P-256, with BouncyCastle's verdicts.</summary>
public class NativeEcdsaVerifierTests
{
    private static readonly SignatureAndHashAlgorithm EcdsaSha256 = SignatureAndHashAlgorithm.GetInstance(TlsHashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    [Fact]
    public void A_peer_certificate_with_a_p256_key_gets_the_native_verifier()
    {
        TlsVerifier verifier = PeerVerifier(DtlsTransportTests.OtherCertificate);

        Assert.IsType<NativeEcdsaVerifier>(verifier);
        Assert.Null(verifier.GetStreamVerifier(new DigitallySigned(EcdsaSha256, new byte[8])));
    }

    [Fact]
    public void It_accepts_the_signature_of_the_key_and_refuses_others()
    {
        DtlsCertificate certificate = DtlsTransportTests.OtherCertificate;
        byte[] hash = SHA256.HashData("ServerKeyExchange params"u8);
        byte[] signature = certificate.SignHash(hash);
        TlsVerifier verifier = PeerVerifier(certificate);

        Assert.True(verifier.VerifyRawSignature(new DigitallySigned(EcdsaSha256, signature), hash));
        Assert.False(verifier.VerifyRawSignature(new DigitallySigned(EcdsaSha256, signature), SHA256.HashData("other"u8)));
        Assert.False(verifier.VerifyRawSignature(new DigitallySigned(EcdsaSha256, DtlsCertificate.Shared.SignHash(hash)), hash));
        Assert.False(verifier.VerifyRawSignature(new DigitallySigned(EcdsaSha256, new byte[] { 0x30, 0x03, 0x02, 0x01 }), hash));
        Assert.Throws<TlsFatalAlert>(() => verifier.VerifyRawSignature(
            new DigitallySigned(SignatureAndHashAlgorithm.GetInstance(TlsHashAlgorithm.sha256, SignatureAlgorithm.rsa), signature), hash));
    }

    [Fact]
    public void A_key_on_another_curve_is_left_to_bouncycastle()
    {
        X9ECParameters p384 = ECNamedCurveTable.GetByName("P-384");
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(new ECDomainParameters(p384), new SecureRandom()));

        Assert.Null(NativeEcdsaVerifier.TryCreate((ECPublicKeyParameters)generator.GenerateKeyPair().Public));
    }

    private static TlsVerifier PeerVerifier(DtlsCertificate certificate) =>
        new DtlsCrypto(new SecureRandom()).CreateCertificate(CertificateType.X509, certificate.Der.ToArray()).CreateVerifier(SignatureAlgorithm.ecdsa);
}
