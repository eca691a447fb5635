using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.WebRtc.Dtls;

/// <summary>Settings of a <see cref="DtlsTransport"/>. The defaults suit WebRTC over ICE.</summary>
internal sealed record DtlsTransportOptions
{
    /// <summary>The identity to present; the process-wide certificate unless set.</summary>
    public DtlsCertificate? Certificate { get; init; }

    /// <summary>How long the whole handshake may take before it fails with <see cref="TimeoutException"/>.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The first retransmission timer of a handshake flight; it doubles on each expiry up to 60 s
    /// (RFC 6347 §4.2.4.1 recommends 1 s).
    /// </summary>
    public TimeSpan InitialRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The largest datagram we send; handshake messages are fragmented to fit (RFC 6347 §4.2.3). 1200 leaves room
    /// for IPv6, UDP and TURN headers within common path MTUs.
    /// </summary>
    public int MaxDatagramSize { get; init; } = 1200;

    /// <summary>The largest datagram we accept; longer ones are truncated and fail record authentication.</summary>
    public int MaxReceiveDatagramSize { get; init; } = 1500;

    /// <summary>
    /// The SRTP protection profiles offered in use_srtp (RFC 5764 §4.1.1), most preferred first. As server we pick the
    /// client's first profile that appears here.
    /// </summary>
    public IReadOnlyList<SrtpProtectionProfile> SrtpProfiles { get; init; } =
        [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80];
}
