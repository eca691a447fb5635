namespace LiveKit.Interop.Tests.Chromium;

/// <summary>A <c>transport</c> entry of Chromium's stats (W3C webrtc-stats §5.12 RTCTransportStats).</summary>
public sealed record TransportStats
{
    /// <summary>The stats id.</summary>
    public string Id { get; init; } = "";

    /// <summary><c>new</c>, <c>connecting</c>, <c>connected</c>, <c>closed</c> or <c>failed</c>.</summary>
    public string? DtlsState { get; init; }

    /// <summary><c>client</c>, <c>server</c> or <c>unknown</c>.</summary>
    public string? DtlsRole { get; init; }

    /// <summary>The ICE transport's state.</summary>
    public string? IceState { get; init; }

    /// <summary>The SRTP profile, e.g. <c>AES_CM_128_HMAC_SHA1_80</c> or <c>AEAD_AES_128_GCM</c>.</summary>
    public string? SrtpCipher { get; init; }

    /// <summary>The DTLS cipher suite's IANA name, e.g. <c>TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256</c>.</summary>
    public string? DtlsCipher { get; init; }

    /// <summary>The DTLS version as Chromium reports it: hex of the wire version (<c>FEFD</c> is DTLS 1.2,
    /// <c>FEFC</c> DTLS 1.3).</summary>
    public string? TlsVersion { get; init; }

    /// <summary>The selected candidate pair's stats id, or null before one is selected.</summary>
    public string? SelectedCandidatePairId { get; init; }

    /// <summary>The selected pair's local candidate, or null.</summary>
    public CandidateStats? LocalCandidate { get; init; }

    /// <summary>The selected pair's remote candidate, or null.</summary>
    public CandidateStats? RemoteCandidate { get; init; }

    /// <summary>Bytes sent over this transport.</summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes received over this transport.</summary>
    public long BytesReceived { get; init; }
}
