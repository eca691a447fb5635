using System;
using System.Threading;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Utilities;
using Org.BouncyCastle.X509;
using BcECPoint = Org.BouncyCastle.Math.EC.ECPoint;
using CryptographicOperations = System.Security.Cryptography.CryptographicOperations;
using DSASignatureFormat = System.Security.Cryptography.DSASignatureFormat;
using ECCurve = System.Security.Cryptography.ECCurve;
using ECDsa = System.Security.Cryptography.ECDsa;
using ECParameters = System.Security.Cryptography.ECParameters;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// An ECDSA P-256 self-signed X.509 certificate and its private key, the identity this endpoint presents in the
/// DTLS handshake (RFC 5763 §5: self-signed certificates are fine because the peer checks the SDP fingerprint,
/// not a chain). Generating one costs ~100 ms, so browsers make one per process: use <see cref="Shared"/>.
/// The key is held twice: as BouncyCastle parameters, and as a .NET <see cref="ECDsa"/> that makes the handshake
/// signatures (<see cref="NativeEcdsaSigner"/>) about four times faster than BouncyCastle's managed arithmetic.
/// Immutable and thread-safe.
/// </summary>
internal sealed class DtlsCertificate
{
    private static readonly Lazy<DtlsCertificate> SharedInstance = new(() => Generate(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly byte[] _der;
    private readonly ECDsa _signingKey;
    private readonly Lock _signingLock = new();

    private DtlsCertificate(byte[] der, ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey, DateTime notAfter)
    {
        _der = der;
        _signingKey = ToNativeKey(privateKey, publicKey);
        PrivateKey = privateKey;
        NotAfter = notAfter;
        Fingerprint = DtlsFingerprint.Compute(der, DtlsFingerprint.Sha256);
    }

    /// <summary>The process-wide certificate, generated on first use.</summary>
    public static DtlsCertificate Shared => SharedInstance.Value;

    /// <summary>The DER encoding of the certificate.</summary>
    public ReadOnlySpan<byte> Der => _der;

    /// <summary>The ECDSA P-256 private key.</summary>
    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>The end of the validity period (UTC).</summary>
    public DateTime NotAfter { get; }

    /// <summary>The SHA-256 fingerprint to put in <c>a=fingerprint</c>.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>Generates a new certificate valid from yesterday (tolerating clock skew) for <paramref name="validity"/> (default 30 days).</summary>
    public static DtlsCertificate Generate(TimeSpan? validity = null)
    {
        var random = new SecureRandom();
        var keyGenerator = new ECKeyPairGenerator();
        keyGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        AsymmetricCipherKeyPair keyPair = keyGenerator.GenerateKeyPair();

        DateTime now = DateTime.UtcNow;
        DateTime notAfter = now + (validity ?? TimeSpan.FromDays(30));
        var name = new X509Name("CN=WebRTC");
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(63, random).Add(BigInteger.One));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(now.AddDays(-1));
        generator.SetNotAfter(notAfter);
        generator.SetPublicKey(keyPair.Public);
        X509Certificate certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keyPair.Private, random));
        return new DtlsCertificate(certificate.GetEncoded(), (ECPrivateKeyParameters)keyPair.Private, (ECPublicKeyParameters)keyPair.Public, notAfter);
    }

    /// <summary>
    /// The credentials that sign this endpoint's ServerKeyExchange or CertificateVerify with ecdsa_secp256r1_sha256,
    /// which every DTLS 1.2 WebRTC peer lists in signature_algorithms. The signing runs in .NET (<see cref="NativeEcdsaSigner"/>).
    /// </summary>
    public TlsCredentialedSigner CreateSigner(TlsContext context, BcTlsCrypto crypto)
    {
        var chain = new Certificate([crypto.CreateCertificate(_der)]);
        return new DefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context),
            new NativeEcdsaSigner(this),
            chain,
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /// <summary>
    /// Signs a digest with the private key, returning the DER <c>ECDSA-Sig-Value</c> that TLS 1.2 carries
    /// (RFC 8422 §5.4). Thread-safe: the shared certificate signs for every concurrent handshake.
    /// </summary>
    public byte[] SignHash(byte[] hash)
    {
        // .NET documents no thread-safety for one ECDsa instance; a signature takes tens of microseconds, so a lock is cheap.
        lock (_signingLock)
        {
            return _signingKey.SignHash(hash, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <summary>Copies the BouncyCastle P-256 key pair into a .NET <see cref="ECDsa"/> (the point and scalar as 32-byte big-endian strings).</summary>
    private static ECDsa ToNativeKey(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey)
    {
        const int FieldSize = 32;
        BcECPoint q = publicKey.Q.Normalize();
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = BigIntegers.AsUnsignedByteArray(FieldSize, privateKey.D),
            Q = new System.Security.Cryptography.ECPoint
            {
                X = BigIntegers.AsUnsignedByteArray(FieldSize, q.AffineXCoord.ToBigInteger()),
                Y = BigIntegers.AsUnsignedByteArray(FieldSize, q.AffineYCoord.ToBigInteger()),
            },
        };

        try
        {
            return ECDsa.Create(parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }
}
