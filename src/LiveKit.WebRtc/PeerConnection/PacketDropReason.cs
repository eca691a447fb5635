namespace LiveKit.WebRtc;

/// <summary>Why a received datagram was dropped. Every drop is counted in <see cref="PeerConnectionStats"/>.</summary>
public enum PacketDropReason
{
    /// <summary>The SRTP or SRTCP authentication tag did not verify (RFC 3711 §3.3 step 5).</summary>
    AuthenticationFailed,

    /// <summary>The packet index was seen before or is behind the replay window (RFC 3711 §3.3.2).</summary>
    Replayed,

    /// <summary>Not a well-formed RTP, RTCP, STUN or DTLS packet.</summary>
    Malformed,

    /// <summary>
    /// An RTP packet whose SSRC, mid and payload type match no receiving transceiver (RFC 8843 §9.2), or whose rid
    /// (the <c>sdes:rtp-stream-id</c> extension) names no negotiated simulcast layer.
    /// </summary>
    UnknownSsrc,

    /// <summary>SRTP arrived before DTLS finished, so no keys existed to check it.</summary>
    NotConnected,

    /// <summary>A receiver's queue was full and its oldest packet was dropped (a slow reader).</summary>
    ReceiveQueueFull,

    /// <summary>
    /// An RTP packet of a repair stream (RTX): it names the layer it repairs in the <c>sdes:repaired-rtp-stream-id</c>
    /// extension (RFC 8852), and we do not negotiate retransmission streams.
    /// </summary>
    RepairStream,
}
