namespace LiveKit.WebRtc.Stun;

/// <summary>
/// STUN attribute types this stack knows (RFC 8489 §18.3, RFC 8445 §16.1). Values below 0x8000 are
/// comprehension-required, the rest comprehension-optional (RFC 8489 §14).
/// </summary>
internal enum StunAttributeType : ushort
{
    /// <summary>MAPPED-ADDRESS (RFC 8489 §14.1), kept for RFC 3489 servers.</summary>
    MappedAddress = 0x0001,

    /// <summary>USERNAME (RFC 8489 §14.3).</summary>
    Username = 0x0006,

    /// <summary>MESSAGE-INTEGRITY, HMAC-SHA1 (RFC 8489 §14.5).</summary>
    MessageIntegrity = 0x0008,

    /// <summary>ERROR-CODE (RFC 8489 §14.8).</summary>
    ErrorCode = 0x0009,

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.13).</summary>
    UnknownAttributes = 0x000A,

    /// <summary>REALM (RFC 8489 §14.9), long-term credentials.</summary>
    Realm = 0x0014,

    /// <summary>NONCE (RFC 8489 §14.10), long-term credentials.</summary>
    Nonce = 0x0015,

    /// <summary>MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6). Recognised for placement only; not verified.</summary>
    MessageIntegritySha256 = 0x001C,

    /// <summary>XOR-MAPPED-ADDRESS (RFC 8489 §14.2).</summary>
    XorMappedAddress = 0x0020,

    /// <summary>PRIORITY (RFC 8445 §16.1).</summary>
    Priority = 0x0024,

    /// <summary>USE-CANDIDATE (RFC 8445 §16.1), no value.</summary>
    UseCandidate = 0x0025,

    /// <summary>SOFTWARE (RFC 8489 §14.14).</summary>
    Software = 0x8022,

    /// <summary>ALTERNATE-SERVER (RFC 8489 §14.15).</summary>
    AlternateServer = 0x8023,

    /// <summary>FINGERPRINT (RFC 8489 §14.7).</summary>
    Fingerprint = 0x8028,

    /// <summary>ICE-CONTROLLED (RFC 8445 §16.1).</summary>
    IceControlled = 0x8029,

    /// <summary>ICE-CONTROLLING (RFC 8445 §16.1).</summary>
    IceControlling = 0x802A,
}
