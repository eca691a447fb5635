namespace LiveKit.WebRtc.Sctp;

/// <summary>The verdict on a State Cookie returned in a COOKIE ECHO (RFC 9260 §5.1.5).</summary>
internal enum SctpCookieStatus
{
    /// <summary>Ours, intact and within its lifetime.</summary>
    Valid,

    /// <summary>Not ours or tampered with: wrong size, version or MAC, or dated in the future.</summary>
    Forged,

    /// <summary>Ours but older than its lifetime (§5.1.5 step 3).</summary>
    Stale,
}
