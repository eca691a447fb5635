using System.Collections.Generic;
using System.Net;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.WebRtc;

/// <summary>A snapshot of a connection's counters (the subset of W3C webrtc-stats our users ask for).</summary>
public sealed record PeerConnectionStats
{
    /// <summary>RTP packets sent, over all senders.</summary>
    public long PacketsSent { get; init; }

    /// <summary>RTP payload and header bytes sent, before SRTP.</summary>
    public long BytesSent { get; init; }

    /// <summary>RTP packets received that passed SRTP and were delivered to a receiver.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>RTP bytes received, after SRTP.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Compound RTCP packets sent.</summary>
    public long RtcpPacketsSent { get; init; }

    /// <summary>Compound RTCP packets received and authenticated.</summary>
    public long RtcpPacketsReceived { get; init; }

    /// <summary>Received datagrams dropped, by reason. Reasons with no drops are present with zero.</summary>
    public required IReadOnlyDictionary<PacketDropReason, long> Dropped { get; init; }

    /// <summary>Datagrams the ICE agent dropped: malformed or unauthenticated STUN, or from unknown addresses.</summary>
    public long IceDropped { get; init; }

    /// <summary>The negotiated SRTP protection profile, or null before DTLS completes.</summary>
    public SrtpProtectionProfile? SrtpProfile { get; init; }

    /// <summary>Our DTLS role, <c>client</c> or <c>server</c>, or null before it is known.</summary>
    public string? DtlsRole { get; init; }

    /// <summary>The local address of the selected candidate pair, or null.</summary>
    public IPEndPoint? LocalAddress { get; init; }

    /// <summary>The remote address of the selected candidate pair, or null.</summary>
    public IPEndPoint? RemoteAddress { get; init; }

    /// <summary>
    /// Data channel messages dropped: for an unknown stream, with an unknown payload protocol, or DCEP messages that do
    /// not parse or open a stream the peer may not use.
    /// </summary>
    public long DataMessagesDropped { get; init; }

    /// <summary>
    /// SCTP packets of the data channels dropped: malformed, a bad checksum or verification tag, a forged or stale
    /// cookie, chunks out of place or out of the receive window (RFC 9260 §8.5, §5.1.5).
    /// </summary>
    public long SctpPacketsDropped { get; init; }

    /// <summary>SCTP DATA chunks sent again after a loss (timeouts and fast retransmits).</summary>
    public long SctpRetransmissions { get; init; }
}
