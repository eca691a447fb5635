using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// Builds one STUN message into a caller's buffer (RFC 8489 §5, §6.1), allocating nothing. Each append writes
/// the attribute's header, value and padding and keeps the header's length field current; an append that does
/// not fit returns false and leaves the message as it was.
/// </summary>
/// <remarks>
/// MESSAGE-INTEGRITY, then FINGERPRINT, come last (RFC 8489 §14.5, §14.7); appending anything else after them is a
/// programming error and throws.
/// </remarks>
internal ref struct StunMessageWriter
{
    private readonly Span<byte> _buffer;
    private readonly StunTransactionId _transactionId;
    private int _length;
    private bool _hasIntegrity;
    private bool _hasFingerprint;

    private StunMessageWriter(Span<byte> buffer, StunTransactionId transactionId)
    {
        _buffer = buffer;
        _transactionId = transactionId;
        _length = StunMessageHeader.Length;
    }

    /// <summary>
    /// The byte written into padding. Zero by default; RFC 8489 §14 lets it be any value, and the RFC 5769 test
    /// vectors use spaces (0x20).
    /// </summary>
    public byte PaddingByte { get; set; }

    /// <summary>The length of the message so far, header included.</summary>
    public readonly int Length => _length;

    /// <summary>The message so far.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buffer[.._length];

    /// <summary>Writes the header into <paramref name="buffer"/>; false when the buffer is shorter than a header.</summary>
    public static bool TryCreate(Span<byte> buffer, StunMessageType type, StunTransactionId transactionId, out StunMessageWriter writer)
    {
        writer = default;
        if (buffer.Length < StunMessageHeader.Length)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer[StunMessageHeader.TypeOffset..], type.Value);
        StunMessageHeader.WriteBodyLength(buffer, 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[StunMessageHeader.MagicCookieOffset..], StunMessageHeader.MagicCookie);
        transactionId.WriteTo(buffer[StunMessageHeader.TransactionIdOffset..]);
        writer = new StunMessageWriter(buffer, transactionId);
        return true;
    }

    /// <summary>Appends an attribute with a raw value.</summary>
    public bool TryAppend(StunAttributeType type, ReadOnlySpan<byte> value)
    {
        if (!TryReserve(type, value.Length, out Span<byte> destination))
        {
            return false;
        }

        value.CopyTo(destination);
        return true;
    }

    /// <summary>Appends USERNAME (RFC 8489 §14.3); for ICE "remote-ufrag:local-ufrag" (RFC 8445 §7.2.2).</summary>
    public bool TryAppendUsername(ReadOnlySpan<byte> usernameUtf8) => TryAppend(StunAttributeType.Username, usernameUtf8);

    /// <summary>Appends SOFTWARE (RFC 8489 §14.14).</summary>
    public bool TryAppendSoftware(ReadOnlySpan<byte> softwareUtf8) => TryAppend(StunAttributeType.Software, softwareUtf8);

    /// <summary>Appends PRIORITY (RFC 8445 §16.1).</summary>
    public bool TryAppendPriority(uint priority) =>
        TryReserve(StunAttributeType.Priority, StunPriority.Length, out Span<byte> value)
        && new StunPriority(priority).TryWrite(value, out _);

    /// <summary>Appends ICE-CONTROLLING with the agent's tie-breaker (RFC 8445 §16.1).</summary>
    public bool TryAppendIceControlling(ulong tieBreaker) =>
        TryReserve(StunAttributeType.IceControlling, StunIceTieBreaker.Length, out Span<byte> value)
        && new StunIceTieBreaker(tieBreaker).TryWrite(value, out _);

    /// <summary>Appends ICE-CONTROLLED with the agent's tie-breaker (RFC 8445 §16.1).</summary>
    public bool TryAppendIceControlled(ulong tieBreaker) =>
        TryReserve(StunAttributeType.IceControlled, StunIceTieBreaker.Length, out Span<byte> value)
        && new StunIceTieBreaker(tieBreaker).TryWrite(value, out _);

    /// <summary>Appends USE-CANDIDATE, which has no value (RFC 8445 §16.1).</summary>
    public bool TryAppendUseCandidate() => TryReserve(StunAttributeType.UseCandidate, 0, out _);

    /// <summary>Appends XOR-MAPPED-ADDRESS (RFC 8489 §14.2), obfuscated with this message's transaction ID.</summary>
    public bool TryAppendXorMappedAddress(StunTransportAddress address)
    {
        var attribute = new StunXorMappedAddress(address);
        return TryReserve(StunAttributeType.XorMappedAddress, attribute.GetSerializedLength(), out Span<byte> value)
            && attribute.TryWrite(value, _transactionId, out _);
    }

    /// <summary>Appends MAPPED-ADDRESS (RFC 8489 §14.1), for answering RFC 3489 clients.</summary>
    public bool TryAppendMappedAddress(StunTransportAddress address)
    {
        var attribute = new StunMappedAddress(address);
        return TryReserve(StunAttributeType.MappedAddress, attribute.GetSerializedLength(), out Span<byte> value)
            && attribute.TryWrite(value, out _);
    }

    /// <summary>Appends ERROR-CODE (RFC 8489 §14.8).</summary>
    public bool TryAppendErrorCode(StunErrorCode errorCode) =>
        TryReserve(StunAttributeType.ErrorCode, errorCode.GetSerializedLength(), out Span<byte> value)
        && errorCode.TryWrite(value, out _);

    /// <summary>Appends UNKNOWN-ATTRIBUTES (RFC 8489 §14.13) for a 420 response.</summary>
    public bool TryAppendUnknownAttributes(ReadOnlySpan<ushort> types) =>
        TryReserve(StunAttributeType.UnknownAttributes, StunUnknownAttributes.GetSerializedLength(types.Length), out Span<byte> value)
        && StunUnknownAttributes.TryWrite(types, value, out _);

    /// <summary>
    /// Appends MESSAGE-INTEGRITY (RFC 8489 §14.5): sets the length field to count the attribute, then hashes the
    /// message so far in place. <paramref name="key"/> is the UTF-8 password for short-term credentials.
    /// </summary>
    public bool TryAppendMessageIntegrity(ReadOnlySpan<byte> key)
    {
        int attributeOffset = _length;
        if (!TryReserve(StunAttributeType.MessageIntegrity, StunMessageIntegrity.Length, out Span<byte> value))
        {
            return false;
        }

        // TryReserve already set the length field to end after this attribute, as §14.5 requires for the HMAC.
        StunMessageIntegrity.Compute(key, _buffer[..attributeOffset], value);
        _hasIntegrity = true;
        return true;
    }

    /// <summary>
    /// Appends FINGERPRINT (RFC 8489 §14.7), the last attribute: CRC-32 of the message so far with a length field
    /// that already counts it.
    /// </summary>
    public bool TryAppendFingerprint()
    {
        int attributeOffset = _length;
        if (!TryReserve(StunAttributeType.Fingerprint, StunFingerprint.Length, out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, StunFingerprint.Compute(_buffer[..attributeOffset]));
        _hasFingerprint = true;
        return true;
    }

    /// <summary>
    /// Writes an attribute header and padding, extends the length field, and hands back the value's slot.
    /// </summary>
    private bool TryReserve(StunAttributeType type, int valueLength, out Span<byte> value)
    {
        value = default;
        if (_hasFingerprint || (_hasIntegrity && type != StunAttributeType.Fingerprint))
        {
            throw new InvalidOperationException(
                $"{type} cannot follow MESSAGE-INTEGRITY or FINGERPRINT (RFC 8489 §14.5, §14.7).");
        }

        int paddedLength = StunAttribute.PaddedLength(valueLength);
        int newLength = _length + StunAttribute.HeaderLength + paddedLength;
        if (valueLength > StunAttribute.MaxValueLength
            || newLength - StunMessageHeader.Length > StunMessageHeader.MaxBodyLength
            || newLength > _buffer.Length)
        {
            return false;
        }

        Span<byte> attribute = _buffer[_length..newLength];
        BinaryPrimitives.WriteUInt16BigEndian(attribute[StunAttribute.TypeOffset..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[StunAttribute.LengthOffset..], (ushort)valueLength);
        attribute[(StunAttribute.HeaderLength + valueLength)..].Fill(PaddingByte);
        value = attribute.Slice(StunAttribute.HeaderLength, valueLength);
        _length = newLength;
        StunMessageHeader.WriteBodyLength(_buffer, _length - StunMessageHeader.Length);
        return true;
    }
}
