using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Srtp;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using SrtpProtectionProfile = LiveKit.WebRtc.Srtp.SrtpProtectionProfile;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// The BouncyCastle server peer for DTLS-SRTP: DTLS 1.2 only (a DTLS 1.3 capable ClientHello is answered with 1.2),
/// ECDHE_ECDSA suites, requires a client certificate and checks it against the SDP fingerprint, and selects the
/// client's first use_srtp profile that we support (RFC 5764 §4.1.1).
/// </summary>
internal sealed class DtlsSrtpServer : DefaultTlsServer
{
    private readonly DtlsCertificate _certificate;
    private readonly DtlsPeerCertificateVerifier _verifier;
    private readonly DtlsTransportOptions _options;

    /// <summary>Creates the server peer.</summary>
    public DtlsSrtpServer(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsPeerCertificateVerifier verifier, DtlsTransportOptions options)
        : base(crypto)
    {
        _certificate = certificate;
        _verifier = verifier;
        _options = options;
    }

    /// <summary>The profile we selected from the client's use_srtp offer.</summary>
    public SrtpProtectionProfile? SelectedProfile { get; private set; }

    /// <summary>Whether the peer sent close_notify (RFC 5246 §7.2.1).</summary>
    public bool PeerClosed { get; private set; }

    /// <summary>The EXTRACTOR-dtls_srtp exporter output for <see cref="SelectedProfile"/>, set when the handshake completes.</summary>
    public byte[]? ExportedSrtpKeys { get; private set; }

    /// <summary>The record keys, for decrypting application data outside BouncyCastle; null before the handshake completes.</summary>
    public DtlsRecordKeys? RecordKeys { get; private set; }

    /// <inheritdoc />
    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();

        // RFC 5764 §4.2. BouncyCastle allows the exporter only here; it wipes the exporter secret afterwards.
        if (SelectedProfile is { } profile)
        {
            ExportedSrtpKeys = m_context.ExportKeyingMaterial(SrtpKeyingMaterial.ExporterLabel, null, SrtpKeyingMaterial.GetExporterLength(profile));
        }

        RecordKeys = DtlsRecordKeys.Derive(m_context);
    }

    /// <inheritdoc />
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    /// <inheritdoc />
    protected override int[] GetSupportedCipherSuites() => DtlsCipherSuites.Supported;

    /// <inheritdoc />
    public override int GetHandshakeTimeoutMillis() => (int)_options.HandshakeTimeout.TotalMilliseconds;

    /// <inheritdoc />
    public override int GetHandshakeResendTimeMillis() => (int)_options.InitialRetransmissionTimeout.TotalMilliseconds;

    /// <inheritdoc />
    protected override TlsCredentialedSigner GetECDsaSignerCredentials() =>
        _certificate.CreateSigner(m_context, (BcTlsCrypto)Crypto);

    /// <inheritdoc />
    public override CertificateRequest GetCertificateRequest()
    {
        // RFC 5763 §5: both endpoints present certificates, so the server must ask for the client's.
        short[] certificateTypes = [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign];
        return new CertificateRequest(certificateTypes, TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context), null);
    }

    /// <inheritdoc />
    public override void NotifyClientCertificate(Certificate clientCertificate) => _verifier.Verify(clientCertificate);

    /// <inheritdoc />
    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);

        UseSrtpData? useSrtp = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (useSrtp is null)
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "The DTLS client did not offer use_srtp (RFC 5764 §4.1.1).");
        }

        foreach (int offered in useSrtp.ProtectionProfiles)
        {
            if (_options.SrtpProfiles.Contains((SrtpProtectionProfile)offered))
            {
                SelectedProfile = (SrtpProtectionProfile)offered;
                return;
            }
        }

        string offeredList = string.Join(", ", useSrtp.ProtectionProfiles.Select(p => $"0x{p:X4}"));
        throw new TlsFatalAlert(AlertDescription.handshake_failure, $"No common SRTP protection profile; the client offered {offeredList} (RFC 5764 §4.1.1).");
    }

    /// <inheritdoc />
    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());

        // RFC 5764 §4.1.1: answer with the one selected profile; the MKI echoes the client's, which we require empty.
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)SelectedProfile!.Value], TlsUtilities.EmptyBytes));
        return extensions;
    }

    /// <inheritdoc />
    public override void NotifyAlertReceived(short alertLevel, short alertDescription)
    {
        if (alertDescription == AlertDescription.close_notify)
        {
            PeerClosed = true;
        }

        base.NotifyAlertReceived(alertLevel, alertDescription);
    }
}
