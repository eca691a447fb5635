using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// Walks the attributes of a message that <see cref="StunMessageReader.TryParse"/> has validated, in order,
/// as a receiver processes them: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are
/// seen, every other attribute is ignored (RFC 8489 §14.5).
/// </summary>
internal ref struct StunAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private int _nextOffset;
    private bool _afterIntegrity;
    private StunAttribute _current;

    /// <summary>Starts a walk over a whole message, header included.</summary>
    public StunAttributeEnumerator(ReadOnlySpan<byte> message)
    {
        _message = message;
        _nextOffset = StunMessageHeader.Length;
        _afterIntegrity = false;
        _current = default;
    }

    /// <summary>The attribute the walk is on.</summary>
    public readonly StunAttribute Current => _current;

    /// <summary>Lets <c>foreach</c> use this enumerator directly.</summary>
    public readonly StunAttributeEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next attribute the receiver processes; false at the end.</summary>
    public bool MoveNext()
    {
        while (TryReadAt(_message, _nextOffset, out StunAttribute attribute, out int next))
        {
            _nextOffset = next;
            if (_afterIntegrity
                && attribute.Type is not (StunAttributeType.Fingerprint or StunAttributeType.MessageIntegritySha256))
            {
                continue;
            }

            if (attribute.Type == StunAttributeType.MessageIntegrity)
            {
                _afterIntegrity = true;
            }

            _current = attribute;
            return true;
        }

        _nextOffset = _message.Length;
        return false;
    }

    /// <summary>
    /// Reads the attribute at <paramref name="offset"/>; false when fewer bytes remain than its header and
    /// padded value need.
    /// </summary>
    internal static bool TryReadAt(ReadOnlySpan<byte> message, int offset, out StunAttribute attribute, out int nextOffset)
    {
        attribute = default;
        nextOffset = offset;
        if (offset < StunMessageHeader.Length || message.Length - offset < StunAttribute.HeaderLength)
        {
            return false;
        }

        ReadOnlySpan<byte> header = message.Slice(offset, StunAttribute.HeaderLength);
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(header[StunAttribute.TypeOffset..]);
        int valueLength = BinaryPrimitives.ReadUInt16BigEndian(header[StunAttribute.LengthOffset..]);
        int valueOffset = offset + StunAttribute.HeaderLength;
        int paddedLength = StunAttribute.PaddedLength(valueLength);
        if (paddedLength > message.Length - valueOffset)
        {
            return false;
        }

        attribute = new StunAttribute(type, message.Slice(valueOffset, valueLength), offset);
        nextOffset = valueOffset + paddedLength;
        return true;
    }
}
