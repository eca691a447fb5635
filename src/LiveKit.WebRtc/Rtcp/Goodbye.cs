using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// RFC 3550 §6.6, BYE:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|    SC   |   PT=BYE=203  |             length            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                           SSRC/CSRC                           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// :                              ...                              :
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |     length    |               reason for leaving            ...  (optional, zero-padded to 32 bits)
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A goodbye packet (RFC 3550 §6.6), parsed as a view or assembled for writing.</summary>
internal readonly ref struct Goodbye
{
    /// <summary>Longest reason (8-bit length field).</summary>
    public const int MaxReasonLength = 255;

    private const int SsrcLength = 4;

    private readonly ReadOnlySpan<byte> _rawSsrcs;
    private readonly ReadOnlySpan<uint> _ssrcs;
    private readonly bool _isParsed;

    /// <summary>Assembles a BYE for writing.</summary>
    public Goodbye(ReadOnlySpan<uint> ssrcs, ReadOnlySpan<byte> reasonUtf8)
    {
        _ssrcs = ssrcs;
        _rawSsrcs = default;
        _isParsed = false;
        Reason = reasonUtf8;
    }

    private Goodbye(ReadOnlySpan<byte> rawSsrcs, ReadOnlySpan<byte> reason)
    {
        _rawSsrcs = rawSsrcs;
        _ssrcs = default;
        _isParsed = true;
        Reason = reason;
    }

    /// <summary>SC: number of sources leaving.</summary>
    public int SsrcCount => _isParsed ? _rawSsrcs.Length / SsrcLength : _ssrcs.Length;

    /// <summary>UTF-8 reason for leaving; empty when absent.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    /// <summary>Reads source <paramref name="index"/>.</summary>
    public uint GetSsrc(int index) =>
        _isParsed ? BinaryPrimitives.ReadUInt32BigEndian(_rawSsrcs.Slice(index * SsrcLength, SsrcLength)) : _ssrcs[index];

    /// <summary>Parses the BYE at the start of <paramref name="data"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out Goodbye goodbye)
    {
        goodbye = default;
        if (!RtcpHeader.TrySlice(data, out RtcpHeader header, out _, out ReadOnlySpan<byte> body)
            || header.PacketType != RtcpPacketType.Goodbye)
        {
            return false;
        }

        int ssrcsLength = header.Count * SsrcLength;
        if (body.Length < ssrcsLength)
        {
            return false;
        }

        ReadOnlySpan<byte> reason = default;
        ReadOnlySpan<byte> rest = body[ssrcsLength..];
        if (rest.Length > 0)
        {
            int reasonLength = rest[0];
            if (1 + reasonLength > rest.Length)
            {
                return false;
            }

            reason = rest.Slice(1, reasonLength);
        }

        goodbye = new Goodbye(body[..ssrcsLength], reason);
        return true;
    }

    /// <summary>Serialized length: header, SSRCs and, when present, the reason padded to 32 bits.</summary>
    public int GetSerializedLength()
    {
        int length = RtcpHeader.Length + (SsrcCount * SsrcLength);
        if (Reason.Length > 0)
        {
            length += (1 + Reason.Length + RtcpHeader.WordLength - 1) / RtcpHeader.WordLength * RtcpHeader.WordLength;
        }

        return length;
    }

    /// <summary>Writes the BYE; fails with more than 31 sources or a reason over 255 bytes.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int length = GetSerializedLength();
        if (SsrcCount > RtcpHeader.MaxCount || Reason.Length > MaxReasonLength
            || !RtcpHeader.TryWriteFor(destination, RtcpPacketType.Goodbye, SsrcCount, length))
        {
            return false;
        }

        int offset = RtcpHeader.Length;
        for (int i = 0; i < SsrcCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], GetSsrc(i));
            offset += SsrcLength;
        }

        if (Reason.Length > 0)
        {
            destination[offset..length].Clear();
            destination[offset] = (byte)Reason.Length;
            Reason.CopyTo(destination[(offset + 1)..]);
        }

        written = length;
        return true;
    }
}
