namespace LiveKit.WebRtc.Srtp;

/// <summary>The outcome of protecting or unprotecting one packet. Failures are values, never exceptions.</summary>
internal enum SrtpStatus
{
    /// <summary>The packet was protected or unprotected.</summary>
    Ok,

    /// <summary>The bytes are not an RTP or RTCP packet this context can process (too short, wrong version, bad header lengths).</summary>
    Malformed,

    /// <summary>The buffer has no room for the authentication tag and trailer.</summary>
    BufferTooSmall,

    /// <summary>The authentication tag did not verify (RFC 3711 §3.3 step 5, RFC 7714 §8.2).</summary>
    AuthenticationFailed,

    /// <summary>The packet index was already received or lies behind the replay window (RFC 3711 §3.3.2).</summary>
    Replayed,

    /// <summary>The SRTCP index space is used up; the session must be rekeyed (RFC 3711 §3.4, §9.2).</summary>
    IndexExhausted,
}
