using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// draft-alvestrand-rmcat-remb-03 §2.2, REMB: an application-layer PSFB message (FMT=15, RFC 4585 §6.4):
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P| FMT=15  |   PT=206      |             length            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of packet sender                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of media source (0)                     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Unique identifier 'R' 'E' 'M' 'B'                            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Num SSRC     | BR Exp    |  BR Mantissa                      |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   SSRC feedback                                               |  x Num SSRC
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// bitrate (bps) = mantissa * 2^exp

/// <summary>Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb), parsed as a view or assembled for writing.</summary>
internal readonly ref struct ReceiverEstimatedMaxBitrate
{
    /// <summary>Largest 18-bit mantissa.</summary>
    public const uint MaxMantissa = 0x3FFFF;

    /// <summary>Largest 6-bit exponent.</summary>
    public const int MaxExponent = 63;

    /// <summary>Most SSRCs the 8-bit count holds.</summary>
    public const int MaxSsrcCount = 255;

    private const uint Identifier = 0x52454D42; // "REMB"
    private const int IdentifierLength = 4;
    private const int NumSsrcOffset = 4;
    private const int ExponentOffset = 5;
    private const int ExponentShift = 2;
    private const int MantissaHighMask = 0x03;
    private const int SsrcsOffset = 8;
    private const int SsrcLength = 4;
    private const int MantissaBits = 18;

    private readonly ReadOnlySpan<byte> _rawSsrcs;
    private readonly ReadOnlySpan<uint> _ssrcs;
    private readonly bool _isParsed;

    /// <summary>Assembles a REMB for writing; the bitrate is rounded down to what mantissa and exponent can say.</summary>
    public ReceiverEstimatedMaxBitrate(uint senderSsrc, ulong bitrate, ReadOnlySpan<uint> ssrcs)
    {
        SenderSsrc = senderSsrc;
        (Mantissa, Exponent) = Encode(bitrate);
        _ssrcs = ssrcs;
        _rawSsrcs = default;
        _isParsed = false;
    }

    private ReceiverEstimatedMaxBitrate(uint senderSsrc, uint mantissa, int exponent, ReadOnlySpan<byte> rawSsrcs)
    {
        SenderSsrc = senderSsrc;
        Mantissa = mantissa;
        Exponent = exponent;
        _ssrcs = default;
        _rawSsrcs = rawSsrcs;
        _isParsed = true;
    }

    /// <summary>SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; }

    /// <summary>18-bit mantissa of the bitrate.</summary>
    public uint Mantissa { get; }

    /// <summary>6-bit exponent of the bitrate.</summary>
    public int Exponent { get; }

    /// <summary>The estimate in bits per second: mantissa x 2^exponent (saturates at <see cref="ulong.MaxValue"/>).</summary>
    public ulong Bitrate
    {
        get
        {
            if (Mantissa == 0)
            {
                return 0;
            }

            int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Mantissa);
            return bits + Exponent > 64 ? ulong.MaxValue : (ulong)Mantissa << Exponent;
        }
    }

    /// <summary>Number of SSRCs the estimate applies to.</summary>
    public int SsrcCount => _isParsed ? _rawSsrcs.Length / SsrcLength : _ssrcs.Length;

    /// <summary>Reads SSRC <paramref name="index"/>.</summary>
    public uint GetSsrc(int index) =>
        _isParsed ? BinaryPrimitives.ReadUInt32BigEndian(_rawSsrcs.Slice(index * SsrcLength, SsrcLength)) : _ssrcs[index];

    /// <summary>Splits a bitrate into the largest mantissa/exponent pair not above it.</summary>
    public static (uint Mantissa, int Exponent) Encode(ulong bitrate)
    {
        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(bitrate);
        int exponent = Math.Max(0, bits - MantissaBits);
        return ((uint)(bitrate >> exponent), exponent);
    }

    /// <summary>Parses the REMB at the start of <paramref name="data"/>; fails without the 'REMB' identifier or with too few SSRCs.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out ReceiverEstimatedMaxBitrate remb)
    {
        remb = default;
        if (!RtcpFeedback.TrySlice(data, RtcpPacketType.PayloadSpecificFeedback, RtcpPacketType.FormatApplicationLayer, out uint sender, out _, out ReadOnlySpan<byte> fci)
            || fci.Length < SsrcsOffset
            || BinaryPrimitives.ReadUInt32BigEndian(fci) != Identifier)
        {
            return false;
        }

        int count = fci[NumSsrcOffset];
        if (fci.Length < SsrcsOffset + (count * SsrcLength))
        {
            return false;
        }

        int exponent = fci[ExponentOffset] >> ExponentShift;
        uint mantissa = ((uint)(fci[ExponentOffset] & MantissaHighMask) << 16) | BinaryPrimitives.ReadUInt16BigEndian(fci[(ExponentOffset + 1)..]);
        remb = new ReceiverEstimatedMaxBitrate(sender, mantissa, exponent, fci.Slice(SsrcsOffset, count * SsrcLength));
        return true;
    }

    /// <summary>Serialized length in bytes.</summary>
    public int GetSerializedLength() => RtcpFeedback.FciOffset + SsrcsOffset + (SsrcCount * SsrcLength);

    /// <summary>Writes the REMB with media source SSRC 0; fails with more than 255 SSRCs.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int length = GetSerializedLength();
        if (SsrcCount > MaxSsrcCount || Mantissa > MaxMantissa || (uint)Exponent > MaxExponent
            || !RtcpFeedback.TryWriteHeader(destination, RtcpPacketType.PayloadSpecificFeedback, RtcpPacketType.FormatApplicationLayer, length, SenderSsrc, 0))
        {
            return false;
        }

        Span<byte> fci = destination[RtcpFeedback.FciOffset..length];
        BinaryPrimitives.WriteUInt32BigEndian(fci, Identifier);
        fci[NumSsrcOffset] = (byte)SsrcCount;
        fci[ExponentOffset] = (byte)((Exponent << ExponentShift) | (int)(Mantissa >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(fci[(ExponentOffset + 1)..], (ushort)Mantissa);
        for (int i = 0; i < SsrcCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(fci[(SsrcsOffset + (i * SsrcLength))..], GetSsrc(i));
        }

        written = length;
        return true;
    }
}
