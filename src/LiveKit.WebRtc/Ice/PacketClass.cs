namespace LiveKit.WebRtc.Ice;

/// <summary>What a datagram on an ICE socket carries, from its first byte (RFC 7983 §7, as updated by RFC 9443).</summary>
internal enum PacketClass
{
    /// <summary>None of the known ranges, or an empty datagram.</summary>
    Unknown,

    /// <summary>STUN, first byte 0-3.</summary>
    Stun,

    /// <summary>ZRTP, first byte 16-19.</summary>
    Zrtp,

    /// <summary>DTLS, first byte 20-63.</summary>
    Dtls,

    /// <summary>TURN channel data, first byte 64-79.</summary>
    TurnChannel,

    /// <summary>RTP or RTCP, first byte 128-191.</summary>
    RtpOrRtcp,
}
