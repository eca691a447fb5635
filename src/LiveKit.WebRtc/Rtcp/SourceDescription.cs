using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 3550 §6.5, SDES:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|    SC   |  PT=SDES=202  |             length            |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |                          SSRC/CSRC_1                          |  chunk 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                           SDES items                          |
// |                              ...                              |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
//
// RFC 3550 §6.5.1, an item (CNAME shown); a chunk's item list ends with one or more null octets that also pad
// the chunk to a 32-bit boundary:
//
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |    CNAME=1    |     length    | user and domain name        ...
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>One SDES item together with the SSRC/CSRC of its chunk.</summary>
internal readonly ref struct SdesItem
{
    /// <summary>Creates an item view.</summary>
    public SdesItem(uint ssrc, byte type, ReadOnlySpan<byte> text)
    {
        Ssrc = ssrc;
        Type = type;
        Text = text;
    }

    /// <summary>SSRC or CSRC the chunk describes.</summary>
    public uint Ssrc { get; }

    /// <summary>Item type (1 = CNAME, RFC 3550 §6.5).</summary>
    public byte Type { get; }

    /// <summary>UTF-8 text of the item.</summary>
    public ReadOnlySpan<byte> Text { get; }
}

/// <summary>A source description packet (RFC 3550 §6.5); builds single-CNAME packets.</summary>
internal readonly ref struct SourceDescription
{
    /// <summary>SDES item type of the canonical name (RFC 3550 §6.5.1).</summary>
    public const byte CnameType = 1;

    /// <summary>Longest item text (8-bit length field).</summary>
    public const int MaxTextLength = 255;

    private const int SsrcLength = 4;
    private const int ItemHeaderLength = 2;

    private readonly uint _cnameSsrc;
    private readonly ReadOnlySpan<byte> _cname;
    private readonly bool _isParsed;

    private SourceDescription(int chunkCount, ReadOnlySpan<byte> chunks, uint cnameSsrc, ReadOnlySpan<byte> cname, bool isParsed)
    {
        ChunkCount = chunkCount;
        ChunkBytes = chunks;
        _cnameSsrc = cnameSsrc;
        _cname = cname;
        _isParsed = isParsed;
    }

    /// <summary>SC: number of chunks.</summary>
    public int ChunkCount { get; }

    /// <summary>The chunks as parsed (empty for a packet built with <see cref="ForCname"/>).</summary>
    public ReadOnlySpan<byte> ChunkBytes { get; }

    /// <summary>A packet with one chunk holding one CNAME item.</summary>
    public static SourceDescription ForCname(uint ssrc, ReadOnlySpan<byte> cnameUtf8) => new(1, default, ssrc, cnameUtf8, isParsed: false);

    /// <summary>Parses the SDES packet at the start of <paramref name="data"/>. Items are checked lazily by <see cref="GetItems"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SourceDescription description)
    {
        description = default;
        if (!RtcpHeader.TrySlice(data, out RtcpHeader header, out _, out ReadOnlySpan<byte> body)
            || header.PacketType != RtcpPacketType.SourceDescription)
        {
            return false;
        }

        description = new SourceDescription(header.Count, body, 0, default, isParsed: true);
        return true;
    }

    /// <summary>Enumerates every item of every chunk.</summary>
    public SdesItemEnumerator GetItems() => new(ChunkBytes, ChunkCount);

    /// <summary>Finds the first CNAME item.</summary>
    public bool TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname)
    {
        if (!_isParsed)
        {
            ssrc = _cnameSsrc;
            cname = _cname;
            return true;
        }

        foreach (SdesItem item in GetItems())
        {
            if (item.Type == CnameType)
            {
                ssrc = item.Ssrc;
                cname = item.Text;
                return true;
            }
        }

        ssrc = 0;
        cname = default;
        return false;
    }

    /// <summary>Serialized length: header plus one chunk padded with at least one null octet to 32 bits.</summary>
    public int GetSerializedLength()
    {
        if (_isParsed)
        {
            return RtcpHeader.Length + ChunkBytes.Length;
        }

        int chunk = SsrcLength + ItemHeaderLength + _cname.Length + 1;
        return RtcpHeader.Length + ((chunk + RtcpHeader.WordLength - 1) / RtcpHeader.WordLength * RtcpHeader.WordLength);
    }

    /// <summary>Writes the packet; a parsed packet is written back with its chunks unchanged.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int length = GetSerializedLength();
        if (ChunkCount > RtcpHeader.MaxCount || _cname.Length > MaxTextLength
            || !RtcpHeader.TryWriteFor(destination, RtcpPacketType.SourceDescription, ChunkCount, length))
        {
            return false;
        }

        Span<byte> chunk = destination[RtcpHeader.Length..length];
        if (_isParsed)
        {
            ChunkBytes.CopyTo(chunk);
        }
        else
        {
            chunk.Clear();
            BinaryPrimitives.WriteUInt32BigEndian(chunk, _cnameSsrc);
            chunk[SsrcLength] = CnameType;
            chunk[SsrcLength + 1] = (byte)_cname.Length;
            _cname.CopyTo(chunk[(SsrcLength + ItemHeaderLength)..]);
        }

        written = length;
        return true;
    }
}

/// <summary>Walks SDES chunks and items (RFC 3550 §6.5) without allocating; stops at the first overrun.</summary>
internal ref struct SdesItemEnumerator
{
    private const int SsrcLength = 4;
    private const int ItemHeaderLength = 2;
    private const int EndOfItems = 0;

    private readonly ReadOnlySpan<byte> _chunks;
    private int _chunksLeft;
    private int _offset;
    private bool _inChunk;
    private uint _ssrc;

    /// <summary>Creates an enumerator over <paramref name="chunkCount"/> chunks.</summary>
    public SdesItemEnumerator(ReadOnlySpan<byte> chunks, int chunkCount)
    {
        _chunks = chunks;
        _chunksLeft = chunkCount;
        _offset = 0;
        _inChunk = false;
        _ssrc = 0;
        Current = default;
        IsMalformed = false;
    }

    /// <summary>The item found by the last successful <see cref="MoveNext"/>.</summary>
    public SdesItem Current { get; private set; }

    /// <summary>True when a chunk or item overran the packet.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Returns this enumerator so it can be used in <c>foreach</c>.</summary>
    public readonly SdesItemEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next item.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (!_inChunk)
            {
                if (_chunksLeft == 0)
                {
                    return false;
                }

                if (_offset + SsrcLength > _chunks.Length)
                {
                    return Fail();
                }

                _ssrc = BinaryPrimitives.ReadUInt32BigEndian(_chunks[_offset..]);
                _offset += SsrcLength;
                _chunksLeft--;
                _inChunk = true;
            }

            if (_offset >= _chunks.Length)
            {
                return Fail();
            }

            byte type = _chunks[_offset];
            if (type == EndOfItems)
            {
                // The null octet ends the item list; the chunk then pads to the next 32-bit boundary.
                _offset = (_offset + SsrcLength) / SsrcLength * SsrcLength;
                _inChunk = false;
                continue;
            }

            if (_offset + ItemHeaderLength > _chunks.Length)
            {
                return Fail();
            }

            int length = _chunks[_offset + 1];
            int start = _offset + ItemHeaderLength;
            if (start + length > _chunks.Length)
            {
                return Fail();
            }

            Current = new SdesItem(_ssrc, type, _chunks.Slice(start, length));
            _offset = start + length;
            return true;
        }
    }

    private bool Fail()
    {
        IsMalformed = true;
        _chunksLeft = 0;
        _inChunk = false;
        return false;
    }
}
