using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// A validated, zero-allocation view of one received STUN message (RFC 8489 §5, §6.3). Parsing checks the header
/// and walks every attribute's type-length-value with its 4-byte padding; attribute values are read on demand
/// as slices of the caller's buffer.
/// </summary>
/// <remarks>
/// Receiver rules applied: the first occurrence of a repeated attribute wins (RFC 8489 §14); attributes after
/// MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are ignored (§14.5); FINGERPRINT must
/// be last (§14.7). Unknown comprehension-optional attributes are skipped; unknown comprehension-required ones
/// are reported through <see cref="HasUnknownComprehensionRequired"/> and
/// <see cref="CopyUnknownComprehensionRequired"/> so the caller can answer 420 (§6.3.1.1).
/// </remarks>
internal readonly ref struct StunMessageReader
{
    private const int NotPresent = -1;

    private readonly int _integrityOffset;
    private readonly int _fingerprintOffset;

    private StunMessageReader(ReadOnlySpan<byte> message, StunMessageType type, int integrityOffset, int fingerprintOffset)
    {
        Bytes = message;
        Type = type;
        TransactionId = StunTransactionId.Read(message[StunMessageHeader.TransactionIdOffset..]);
        _integrityOffset = integrityOffset;
        _fingerprintOffset = fingerprintOffset;
    }

    /// <summary>The whole message, header included.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The message type: method and class.</summary>
    public StunMessageType Type { get; }

    /// <summary>The 96-bit transaction ID.</summary>
    public StunTransactionId TransactionId { get; }

    /// <summary>True when the message carries MESSAGE-INTEGRITY.</summary>
    public bool HasMessageIntegrity => _integrityOffset != NotPresent;

    /// <summary>True when the message carries FINGERPRINT.</summary>
    public bool HasFingerprint => _fingerprintOffset != NotPresent;

    /// <summary>
    /// Parses a datagram that holds exactly one STUN message. Never throws: malformed bytes give false.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out StunMessageReader message)
    {
        message = default;
        if (!StunMessageHeader.TryGetMessageLength(datagram, out int totalLength)
            || totalLength != datagram.Length
            || !StunMessageType.TryParse(BinaryPrimitives.ReadUInt16BigEndian(datagram), out StunMessageType type))
        {
            return false;
        }

        int integrityOffset = NotPresent;
        int fingerprintOffset = NotPresent;
        int offset = StunMessageHeader.Length;
        while (offset < datagram.Length)
        {
            if (fingerprintOffset != NotPresent
                || !StunAttributeEnumerator.TryReadAt(datagram, offset, out StunAttribute attribute, out int next))
            {
                return false;
            }

            switch (attribute.Type)
            {
                case StunAttributeType.MessageIntegrity when integrityOffset == NotPresent:
                    if (attribute.Value.Length != StunMessageIntegrity.Length)
                    {
                        return false;
                    }

                    integrityOffset = offset;
                    break;
                case StunAttributeType.Fingerprint:
                    if (attribute.Value.Length != StunFingerprint.Length)
                    {
                        return false;
                    }

                    fingerprintOffset = offset;
                    break;
            }

            offset = next;
        }

        message = new StunMessageReader(datagram, type, integrityOffset, fingerprintOffset);
        return true;
    }

    /// <summary>The attributes a receiver processes, in order (see the remarks on this type).</summary>
    public StunAttributeEnumerator GetEnumerator() => new(Bytes);

    /// <summary>The value of the first processed attribute of <paramref name="type"/>.</summary>
    public bool TryGetAttribute(StunAttributeType type, out ReadOnlySpan<byte> value)
    {
        foreach (StunAttribute attribute in this)
        {
            if (attribute.Type == type)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>True when an attribute of <paramref name="type"/> is processed, e.g. USE-CANDIDATE.</summary>
    public bool Contains(StunAttributeType type) => TryGetAttribute(type, out _);

    /// <summary>True when a processed attribute is comprehension-required and not understood (answer 420).</summary>
    public bool HasUnknownComprehensionRequired => CopyUnknownComprehensionRequired(default) > 0;

    /// <summary>
    /// Copies the unknown comprehension-required types, in order, into <paramref name="destination"/> as far as it
    /// holds them, for UNKNOWN-ATTRIBUTES. Returns how many there are in total.
    /// </summary>
    public int CopyUnknownComprehensionRequired(Span<ushort> destination)
    {
        int count = 0;
        foreach (StunAttribute attribute in this)
        {
            if (!StunAttributeComprehension.IsUnderstood(attribute.RawType))
            {
                if (count < destination.Length)
                {
                    destination[count] = attribute.RawType;
                }

                count++;
            }
        }

        return count;
    }

    /// <summary>USERNAME (RFC 8489 §14.3), UTF-8; for ICE "remote-ufrag:local-ufrag" (RFC 8445 §7.2.2).</summary>
    public bool TryGetUsername(out ReadOnlySpan<byte> usernameUtf8) =>
        TryGetAttribute(StunAttributeType.Username, out usernameUtf8);

    /// <summary>SOFTWARE (RFC 8489 §14.14), UTF-8.</summary>
    public bool TryGetSoftware(out ReadOnlySpan<byte> softwareUtf8) =>
        TryGetAttribute(StunAttributeType.Software, out softwareUtf8);

    /// <summary>XOR-MAPPED-ADDRESS (RFC 8489 §14.2), decoded with this message's transaction ID.</summary>
    public bool TryGetXorMappedAddress(out StunTransportAddress address)
    {
        address = default;
        if (!TryGetAttribute(StunAttributeType.XorMappedAddress, out ReadOnlySpan<byte> value)
            || !StunXorMappedAddress.TryParse(value, TransactionId, out StunXorMappedAddress attribute))
        {
            return false;
        }

        address = attribute.Address;
        return true;
    }

    /// <summary>MAPPED-ADDRESS (RFC 8489 §14.1).</summary>
    public bool TryGetMappedAddress(out StunTransportAddress address)
    {
        address = default;
        if (!TryGetAttribute(StunAttributeType.MappedAddress, out ReadOnlySpan<byte> value)
            || !StunMappedAddress.TryParse(value, out StunMappedAddress attribute))
        {
            return false;
        }

        address = attribute.Address;
        return true;
    }

    /// <summary>PRIORITY (RFC 8445 §16.1).</summary>
    public bool TryGetPriority(out uint priority)
    {
        priority = 0;
        if (!TryGetAttribute(StunAttributeType.Priority, out ReadOnlySpan<byte> value)
            || !StunPriority.TryParse(value, out StunPriority attribute))
        {
            return false;
        }

        priority = attribute.Value;
        return true;
    }

    /// <summary>ICE-CONTROLLING (RFC 8445 §16.1): the sender is controlling; its tie-breaker.</summary>
    public bool TryGetIceControlling(out ulong tieBreaker) => TryGetTieBreaker(StunAttributeType.IceControlling, out tieBreaker);

    /// <summary>ICE-CONTROLLED (RFC 8445 §16.1): the sender is controlled; its tie-breaker.</summary>
    public bool TryGetIceControlled(out ulong tieBreaker) => TryGetTieBreaker(StunAttributeType.IceControlled, out tieBreaker);

    /// <summary>USE-CANDIDATE (RFC 8445 §16.1): the controlling agent nominates this pair.</summary>
    public bool HasUseCandidate => Contains(StunAttributeType.UseCandidate);

    /// <summary>ERROR-CODE (RFC 8489 §14.8).</summary>
    public bool TryGetErrorCode(out StunErrorCode errorCode)
    {
        errorCode = default;
        return TryGetAttribute(StunAttributeType.ErrorCode, out ReadOnlySpan<byte> value)
            && StunErrorCode.TryParse(value, out errorCode);
    }

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.13), in a 420 error response.</summary>
    public bool TryGetUnknownAttributes(out StunUnknownAttributes unknownAttributes)
    {
        unknownAttributes = default;
        return TryGetAttribute(StunAttributeType.UnknownAttributes, out ReadOnlySpan<byte> value)
            && StunUnknownAttributes.TryParse(value, out unknownAttributes);
    }

    /// <summary>
    /// Checks MESSAGE-INTEGRITY with <paramref name="key"/> (for ICE, the UTF-8 password). False when the
    /// attribute is missing or the HMAC differs. Allocates nothing.
    /// </summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key) =>
        HasMessageIntegrity && StunMessageIntegrity.Verify(Bytes, _integrityOffset, key);

    /// <summary>Checks FINGERPRINT (RFC 8489 §14.7). False when the attribute is missing or the CRC differs.</summary>
    public bool VerifyFingerprint()
    {
        if (!HasFingerprint)
        {
            return false;
        }

        uint expected = BinaryPrimitives.ReadUInt32BigEndian(Bytes[(_fingerprintOffset + StunAttribute.HeaderLength)..]);
        return StunFingerprint.Compute(Bytes[.._fingerprintOffset]) == expected;
    }

    private bool TryGetTieBreaker(StunAttributeType type, out ulong tieBreaker)
    {
        tieBreaker = 0;
        if (!TryGetAttribute(type, out ReadOnlySpan<byte> value)
            || !StunIceTieBreaker.TryParse(value, out StunIceTieBreaker attribute))
        {
            return false;
        }

        tieBreaker = attribute.Value;
        return true;
    }
}
