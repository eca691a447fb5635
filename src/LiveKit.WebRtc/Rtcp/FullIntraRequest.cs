using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 5104 §4.3.1, FIR: a PSFB message with FMT=4; the media source SSRC is unused (0) and each FCI entry
// names a target:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                              SSRC                             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// | Seq nr.       |    Reserved                                   |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>One FIR entry: the media sender asked for a decoder refresh and the command sequence number (RFC 5104 §4.3.1.1).</summary>
internal readonly record struct FirEntry(uint Ssrc, byte SequenceNumber)
{
    /// <summary>Serialized length in bytes.</summary>
    public const int Length = 8;
}

/// <summary>A full intra request (RFC 5104 §4.3.1), parsed as a view or assembled for writing.</summary>
internal readonly ref struct FullIntraRequest
{
    private const int SequenceNumberOffset = 4;

    private readonly ReadOnlySpan<byte> _rawEntries;
    private readonly ReadOnlySpan<FirEntry> _entries;
    private readonly bool _isParsed;

    /// <summary>Assembles a FIR for writing.</summary>
    public FullIntraRequest(uint senderSsrc, ReadOnlySpan<FirEntry> entries)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = 0;
        _entries = entries;
        _rawEntries = default;
        _isParsed = false;
    }

    private FullIntraRequest(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> rawEntries)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        _entries = default;
        _rawEntries = rawEntries;
        _isParsed = true;
    }

    /// <summary>SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; }

    /// <summary>SSRC of media source; RFC 5104 §4.3.1.2 says it SHALL be 0, but a non-zero value is tolerated.</summary>
    public uint MediaSsrc { get; }

    /// <summary>Number of FCI entries.</summary>
    public int EntryCount => _isParsed ? _rawEntries.Length / FirEntry.Length : _entries.Length;

    /// <summary>Reads entry <paramref name="index"/>.</summary>
    public FirEntry GetEntry(int index)
    {
        if (!_isParsed)
        {
            return _entries[index];
        }

        ReadOnlySpan<byte> entry = _rawEntries.Slice(index * FirEntry.Length, FirEntry.Length);
        return new FirEntry(BinaryPrimitives.ReadUInt32BigEndian(entry), entry[SequenceNumberOffset]);
    }

    /// <summary>Parses the FIR at the start of <paramref name="data"/>; it needs at least one entry.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out FullIntraRequest fir)
    {
        fir = default;
        if (!RtcpFeedback.TrySlice(data, RtcpPacketType.PayloadSpecificFeedback, RtcpPacketType.FormatFullIntraRequest, out uint sender, out uint media, out ReadOnlySpan<byte> fci)
            || fci.Length < FirEntry.Length)
        {
            return false;
        }

        fir = new FullIntraRequest(sender, media, fci);
        return true;
    }

    /// <summary>Serialized length in bytes.</summary>
    public int GetSerializedLength() => RtcpFeedback.FciOffset + (EntryCount * FirEntry.Length);

    /// <summary>Writes the FIR with reserved bits zero.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int length = GetSerializedLength();
        if (!RtcpFeedback.TryWriteHeader(destination, RtcpPacketType.PayloadSpecificFeedback, RtcpPacketType.FormatFullIntraRequest, length, SenderSsrc, MediaSsrc))
        {
            return false;
        }

        int offset = RtcpFeedback.FciOffset;
        for (int i = 0; i < EntryCount; i++)
        {
            FirEntry entry = GetEntry(i);
            Span<byte> target = destination.Slice(offset, FirEntry.Length);
            target.Clear();
            BinaryPrimitives.WriteUInt32BigEndian(target, entry.Ssrc);
            target[SequenceNumberOffset] = entry.SequenceNumber;
            offset += FirEntry.Length;
        }

        written = length;
        return true;
    }
}
