using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Srtp;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using SrtpProtectionProfile = LiveKit.WebRtc.Srtp.SrtpProtectionProfile;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// The BouncyCastle client peer for DTLS-SRTP: DTLS 1.2 only, ECDHE_ECDSA suites, offers use_srtp
/// (RFC 5764 §4.1.1), presents our certificate when asked and checks the server's against the SDP fingerprint.
/// </summary>
internal sealed class DtlsSrtpClient : DefaultTlsClient
{
    private readonly DtlsCertificate _certificate;
    private readonly DtlsPeerCertificateVerifier _verifier;
    private readonly DtlsTransportOptions _options;

    /// <summary>Creates the client peer.</summary>
    public DtlsSrtpClient(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsPeerCertificateVerifier verifier, DtlsTransportOptions options)
        : base(crypto)
    {
        _certificate = certificate;
        _verifier = verifier;
        _options = options;
    }

    /// <summary>The profile the server selected, once its ServerHello is processed.</summary>
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
    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        int[] profiles = _options.SrtpProfiles.Select(p => (int)p).ToArray();

        // RFC 5764 §4.1.1: we use no MKI, so srtp_mki is empty.
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(profiles, TlsUtilities.EmptyBytes));
        return extensions;
    }

    /// <inheritdoc />
    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);

        // RFC 5764 §4.1.1: the server answers with exactly one of our profiles and echoes our (empty) MKI.
        UseSrtpData? useSrtp = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        if (useSrtp is null)
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "The DTLS server did not accept use_srtp (RFC 5764 §4.1.1).");
        }

        int[] profiles = useSrtp.ProtectionProfiles;
        if (profiles.Length != 1 || !_options.SrtpProfiles.Contains((SrtpProtectionProfile)profiles[0]))
        {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "The DTLS server selected an SRTP profile we did not offer (RFC 5764 §4.1.1).");
        }

        if (useSrtp.Mki.Length != 0)
        {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "The DTLS server returned an SRTP MKI we did not send (RFC 5764 §4.1.3).");
        }

        SelectedProfile = (SrtpProtectionProfile)profiles[0];
    }

    /// <inheritdoc />
    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    /// <inheritdoc />
    public override void NotifyAlertReceived(short alertLevel, short alertDescription)
    {
        if (alertDescription == AlertDescription.close_notify)
        {
            PeerClosed = true;
        }

        base.NotifyAlertReceived(alertLevel, alertDescription);
    }

    /// <summary>Checks the server certificate and supplies ours for the server's CertificateRequest (RFC 5763 §5).</summary>
    private sealed class Authentication(DtlsSrtpClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            client._verifier.Verify(serverCertificate.Certificate);

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            client._certificate.CreateSigner(client.m_context, (BcTlsCrypto)client.Crypto);
    }
}
