namespace LiveKit.WebRtc.Stun;

/// <summary>
/// Which attribute types a receiver must understand, and which of those this stack does (RFC 8489 §14):
/// an unknown comprehension-required attribute in a request is answered with a 420 error listing it in
/// UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1.1); unknown comprehension-optional attributes are ignored.
/// </summary>
internal static class StunAttributeComprehension
{
    // Types 0x0000-0x7FFF are comprehension-required, 0x8000-0xFFFF comprehension-optional (RFC 8489 §14).
    private const ushort FirstOptionalType = 0x8000;

    /// <summary>True when a receiver that does not understand <paramref name="type"/> must reject the message.</summary>
    public static bool IsRequired(ushort type) => type < FirstOptionalType;

    /// <summary>
    /// True for the comprehension-required types this stack processes. MESSAGE-INTEGRITY-SHA256 is left out: we
    /// do not verify it, so a message relying on it is answered with 420 rather than trusted.
    /// </summary>
    public static bool IsUnderstood(ushort type) => (StunAttributeType)type switch
    {
        StunAttributeType.MappedAddress
            or StunAttributeType.Username
            or StunAttributeType.MessageIntegrity
            or StunAttributeType.ErrorCode
            or StunAttributeType.UnknownAttributes
            or StunAttributeType.Realm
            or StunAttributeType.Nonce
            or StunAttributeType.XorMappedAddress
            or StunAttributeType.Priority
            or StunAttributeType.UseCandidate => true,
        _ => !IsRequired(type),
    };
}
