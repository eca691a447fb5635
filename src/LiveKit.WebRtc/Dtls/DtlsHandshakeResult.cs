using System;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// What a completed DTLS-SRTP handshake yields (RFC 5764 §4.2): the negotiated profile, the exported master keys,
/// and the SRTP contexts of both directions. The caller owns the contexts; disposing the result disposes them.
/// </summary>
internal sealed class DtlsHandshakeResult : IDisposable
{
    /// <summary>Creates the result and the SRTP contexts for <paramref name="role"/>.</summary>
    public DtlsHandshakeResult(DtlsRole role, SrtpKeyingMaterial keyingMaterial, DtlsFingerprint remoteFingerprint)
    {
        Role = role;
        KeyingMaterial = keyingMaterial;
        RemoteFingerprint = remoteFingerprint;
        bool isClient = role == DtlsRole.Client;
        OutboundSrtpContext = keyingMaterial.CreateOutboundContext(isClient);
        InboundSrtpContext = keyingMaterial.CreateInboundContext(isClient);
    }

    /// <summary>The role this endpoint played.</summary>
    public DtlsRole Role { get; }

    /// <summary>The SRTP protection profile the server selected.</summary>
    public SrtpProtectionProfile SrtpProfile => KeyingMaterial.Profile;

    /// <summary>The master keys and salts of both directions from the EXTRACTOR-dtls_srtp exporter.</summary>
    public SrtpKeyingMaterial KeyingMaterial { get; }

    /// <summary>The verified fingerprint of the peer's certificate.</summary>
    public DtlsFingerprint RemoteFingerprint { get; }

    /// <summary>Protects what this endpoint sends (client keys if we are the DTLS client, server keys otherwise).</summary>
    public SrtpContext OutboundSrtpContext { get; }

    /// <summary>Unprotects what the peer sends.</summary>
    public SrtpContext InboundSrtpContext { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        OutboundSrtpContext.Dispose();
        InboundSrtpContext.Dispose();
    }
}
