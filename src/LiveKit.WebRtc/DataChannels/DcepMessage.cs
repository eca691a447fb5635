using System;
using System.Buffers.Binary;
using System.Text;

namespace LiveKit.WebRtc.DataChannels;

/// <summary>
/// The Data Channel Establishment Protocol messages (RFC 8832 §5): DATA_CHANNEL_OPEN, which names and configures a
/// channel on the stream it is sent on, and DATA_CHANNEL_ACK, the answer. Both travel with PPID 50.
/// </summary>
internal static class DcepMessage
{
    /// <summary>RFC 8832 §8.2.1: DATA_CHANNEL_ACK.</summary>
    public const byte AckType = 0x02;

    /// <summary>RFC 8832 §8.2.1: DATA_CHANNEL_OPEN.</summary>
    public const byte OpenType = 0x03;

    /// <summary>Fixed part of DATA_CHANNEL_OPEN before the label and protocol (RFC 8832 §5.1).</summary>
    public const int OpenHeaderSize = 12;

    // RFC 8832 §8.2.2: the channel types; the high bit means unordered.
    private const byte Reliable = 0x00;
    private const byte PartialReliableRexmit = 0x01;
    private const byte PartialReliableTimed = 0x02;
    private const byte UnorderedBit = 0x80;

    /// <summary>The size of the DATA_CHANNEL_OPEN for <paramref name="label"/> and <paramref name="protocol"/>.</summary>
    public static int OpenSize(string label, string protocol) =>
        OpenHeaderSize + Encoding.UTF8.GetByteCount(label) + Encoding.UTF8.GetByteCount(protocol);

    /// <summary>Writes DATA_CHANNEL_OPEN; <paramref name="destination"/> must hold <see cref="OpenSize"/> bytes.</summary>
    public static int WriteOpen(Span<byte> destination, DcepOpen open)
    {
        byte channelType = open.MaxRetransmits is not null ? PartialReliableRexmit
            : open.MaxPacketLifeTimeMilliseconds is not null ? PartialReliableTimed
            : Reliable;
        if (!open.Ordered)
        {
            channelType |= UnorderedBit;
        }

        uint reliability = (uint?)open.MaxRetransmits ?? open.MaxPacketLifeTimeMilliseconds ?? 0;
        destination[0] = OpenType;
        destination[1] = channelType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], open.Priority);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], reliability);
        int labelLength = Encoding.UTF8.GetBytes(open.Label, destination[OpenHeaderSize..]);
        int protocolLength = Encoding.UTF8.GetBytes(open.Protocol, destination[(OpenHeaderSize + labelLength)..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], (ushort)labelLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)protocolLength);
        return OpenHeaderSize + labelLength + protocolLength;
    }

    /// <summary>Parses DATA_CHANNEL_OPEN; false when the message is not one or its lengths do not add up.</summary>
    public static bool TryParseOpen(ReadOnlySpan<byte> message, out DcepOpen open)
    {
        open = default;
        if (message.Length < OpenHeaderSize || message[0] != OpenType)
        {
            return false;
        }

        byte channelType = message[1];
        byte reliabilityKind = (byte)(channelType & ~UnorderedBit);
        if (reliabilityKind > PartialReliableTimed)
        {
            return false;
        }

        ushort priority = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        uint reliability = BinaryPrimitives.ReadUInt32BigEndian(message[4..]);
        int labelLength = BinaryPrimitives.ReadUInt16BigEndian(message[8..]);
        int protocolLength = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        if (message.Length != OpenHeaderSize + labelLength + protocolLength)
        {
            return false;
        }

        open = new DcepOpen(
            Encoding.UTF8.GetString(message.Slice(OpenHeaderSize, labelLength)),
            Encoding.UTF8.GetString(message.Slice(OpenHeaderSize + labelLength, protocolLength)),
            Ordered: (channelType & UnorderedBit) == 0,
            MaxRetransmits: reliabilityKind == PartialReliableRexmit ? (int)Math.Min(reliability, int.MaxValue) : null,
            MaxPacketLifeTimeMilliseconds: reliabilityKind == PartialReliableTimed ? reliability : null,
            priority);
        return true;
    }
}

/// <summary>What a DATA_CHANNEL_OPEN says (RFC 8832 §5.1).</summary>
internal readonly record struct DcepOpen(
    string Label, string Protocol, bool Ordered, int? MaxRetransmits, uint? MaxPacketLifeTimeMilliseconds, ushort Priority);
