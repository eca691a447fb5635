using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 4585 §6.2.1, generic NACK: an RTPFB message with FMT=1 and one or more NackPair FCI entries.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|  FMT=1  |    PT=205     |          length               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of packet sender                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of media source                         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |            PID                |             BLP               |  x N
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A generic NACK (RFC 4585 §6.2.1), parsed as a view or assembled for writing.</summary>
internal readonly ref struct GenericNack
{
    private const int BlpOffset = 2;

    private readonly ReadOnlySpan<byte> _rawPairs;
    private readonly ReadOnlySpan<NackPair> _pairs;
    private readonly bool _isParsed;

    /// <summary>Assembles a NACK for writing.</summary>
    public GenericNack(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<NackPair> pairs)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        _pairs = pairs;
        _rawPairs = default;
        _isParsed = false;
    }

    private GenericNack(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> rawPairs)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        _pairs = default;
        _rawPairs = rawPairs;
        _isParsed = true;
    }

    /// <summary>SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; }

    /// <summary>SSRC of the media source whose packets were lost.</summary>
    public uint MediaSsrc { get; }

    /// <summary>Number of PID/BLP entries.</summary>
    public int PairCount => _isParsed ? _rawPairs.Length / NackPair.Length : _pairs.Length;

    /// <summary>Reads entry <paramref name="index"/>.</summary>
    public NackPair GetPair(int index)
    {
        if (!_isParsed)
        {
            return _pairs[index];
        }

        ReadOnlySpan<byte> entry = _rawPairs.Slice(index * NackPair.Length, NackPair.Length);
        return new NackPair(BinaryPrimitives.ReadUInt16BigEndian(entry), BinaryPrimitives.ReadUInt16BigEndian(entry[BlpOffset..]));
    }

    /// <summary>Parses the NACK at the start of <paramref name="data"/>; it needs at least one entry.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out GenericNack nack)
    {
        nack = default;
        if (!RtcpFeedback.TrySlice(data, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatGenericNack, out uint sender, out uint media, out ReadOnlySpan<byte> fci)
            || fci.Length < NackPair.Length)
        {
            return false;
        }

        // The FCI length is a whole number of words and each entry is one word.
        nack = new GenericNack(sender, media, fci);
        return true;
    }

    /// <summary>
    /// Expands every entry into the lost sequence numbers, in packet order (duplicates are kept).
    /// Fails when <paramref name="destination"/> is too short.
    /// </summary>
    public bool TryGetLostSequenceNumbers(Span<ushort> destination, out int count)
    {
        count = 0;
        for (int i = 0; i < PairCount; i++)
        {
            if (!GetPair(i).TryGetLostSequenceNumbers(destination[count..], out int added))
            {
                return false;
            }

            count += added;
        }

        return true;
    }

    /// <summary>Serialized length in bytes.</summary>
    public int GetSerializedLength() => RtcpFeedback.FciOffset + (PairCount * NackPair.Length);

    /// <summary>Writes the NACK.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int length = GetSerializedLength();
        if (!RtcpFeedback.TryWriteHeader(destination, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatGenericNack, length, SenderSsrc, MediaSsrc))
        {
            return false;
        }

        int offset = RtcpFeedback.FciOffset;
        for (int i = 0; i < PairCount; i++)
        {
            NackPair pair = GetPair(i);
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], pair.PacketId);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + BlpOffset)..], pair.LostBitmask);
            offset += NackPair.Length;
        }

        written = length;
        return true;
    }
}
