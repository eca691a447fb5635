using System;
using System.Collections.Generic;
using System.Net;
using LiveKit.WebRtc.Sdp;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.WebRtc;

/// <summary>How a <see cref="PeerConnection"/> gathers, negotiates and buffers (a subset of RTCConfiguration).</summary>
public sealed record PeerConnectionOptions
{
    /// <summary>
    /// The local addresses to gather host candidates on. Null: every IPv4 address of an interface that is up
    /// (loopback only when <see cref="IncludeLoopback"/> is set, or when nothing else is up).
    /// </summary>
    public IReadOnlyList<IPAddress>? HostAddresses { get; init; }

    /// <summary>Gather on loopback too when <see cref="HostAddresses"/> is null (RFC 8445 §5.1.1.1 excludes it by default).</summary>
    public bool IncludeLoopback { get; init; }

    /// <summary>STUN servers for server-reflexive candidates (RFC 8445 §5.1.1.2).</summary>
    public IReadOnlyList<IPEndPoint> StunServers { get; init; } = Array.Empty<IPEndPoint>();

    /// <summary>
    /// Our DTLS role when an offer says <c>a=setup:actpass</c>: <see cref="SdpSetupRole.Active"/> (client, what
    /// browsers answer) or <see cref="SdpSetupRole.Passive"/> (server). RFC 8842 §5.3.
    /// </summary>
    public SdpSetupRole AnswerSetupRole { get; init; } = SdpSetupRole.Active;

    /// <summary>
    /// The SRTP protection profiles offered or accepted in DTLS use_srtp, most preferred first (RFC 5764 §4.1.1):
    /// AES-128-GCM (RFC 7714) and AES-128-CM with HMAC-SHA1-80 by default.
    /// </summary>
    public IReadOnlyList<SrtpProtectionProfile> SrtpProfiles { get; init; } =
        new[] { SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80 };

    /// <summary>Packets each receiver queues for its reader before dropping the oldest.</summary>
    public int ReceiveQueueCapacity { get; init; } = 512;

    /// <summary>How often receiver and sender reports go out (RFC 3550 §6.2; WebRTC stacks use about a second).</summary>
    public TimeSpan RtcpReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the DTLS handshake may take once ICE has selected a pair.</summary>
    public TimeSpan DtlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock for ICE pacing, consent and RTCP timing. Tests may supply their own.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Randomness for SSRCs, sequence numbers and ICE credentials. Null: a cryptographic source (ICE passwords must
    /// be unguessable, RFC 8445 §5.3). Set a seeded one only in tests.
    /// </summary>
    public Random? Random { get; init; }

    /// <summary>
    /// The largest data channel message we accept, announced as <c>a=max-message-size</c> (RFC 8841 §6; browsers
    /// announce 262144).
    /// </summary>
    public int MaxMessageSize { get; init; } = 262144;

    /// <summary>
    /// SO_RCVBUF of the connection's UDP sockets, or null for the system default. Bulk data channel traffic needs
    /// megabytes here: a datagram the kernel drops for lack of buffer costs an SCTP retransmission.
    /// </summary>
    public int? SocketReceiveBufferSize { get; init; }

    /// <summary>SO_SNDBUF of the connection's UDP sockets, or null for the system default.</summary>
    public int? SocketSendBufferSize { get; init; }

    /// <summary>
    /// Accept simulcast from the peer (RFC 8853): an answer to a section that offers <c>a=rid:&lt;id&gt; send</c> lines,
    /// <c>a=simulcast:send ...</c> and the <c>sdes:rtp-stream-id</c> header extension answers each rid with
    /// <c>a=rid:&lt;id&gt; recv</c> (restrictions dropped) and <c>a=simulcast:recv</c> with the same streams, and accepts the
    /// <c>sdes:rtp-stream-id</c> and <c>sdes:repaired-rtp-stream-id</c> extensions (RFC 8852). Each layer's SSRC is then
    /// learned from the rid in its packets: see <see cref="RtpReceiver.Rids"/>, <see cref="RtpReceiver.TryGetLayerSsrc"/>
    /// and <see cref="ReceivedRtpPacket.Rid"/>. False (the default): simulcast is not accepted, so the peer sends one
    /// stream. We never send simulcast.
    /// </summary>
    public bool ReceiveSimulcast { get; init; }
}
