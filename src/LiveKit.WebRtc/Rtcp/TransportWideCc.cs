using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1, transport-wide congestion control feedback:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|  FMT=15 |    PT=205     |           length              |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                     SSRC of packet sender                     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                      SSRC of media source                     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |      base sequence number     |      packet status count      |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                 reference time                | fb pkt. count |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |          packet chunk         |         packet chunk          |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// .                                                               .
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |         packet chunk          |  recv delta   |  recv delta   |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// .                                                               .
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           recv delta          |  recv delta   | zero padding  |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Chunk layouts are in TwccChunks.cs. Reference time is a signed 24-bit count of 64 ms.

/// <summary>Transport-wide congestion control feedback, parsed as a view or assembled for writing.</summary>
internal readonly ref struct TransportWideCc
{
    /// <summary>Smallest reference time (signed 24 bits).</summary>
    public const int MinReferenceTime = -0x800000;

    /// <summary>Largest reference time (signed 24 bits).</summary>
    public const int MaxReferenceTime = 0x7FFFFF;

    private const int BaseSequenceOffset = 0;
    private const int StatusCountOffset = 2;
    private const int ReferenceTimeOffset = 4;
    private const int FeedbackCountOffset = 7;
    private const int ChunksOffset = 8;
    private const int Int24SignBit = 0x800000;
    private const int Int24Mask = 0xFFFFFF;
    private const int LargeDeltaLength = 2;

    private readonly ReadOnlySpan<byte> _chunksAndDeltas;
    private readonly ReadOnlySpan<TwccPacketStatus> _packets;
    private readonly bool _isParsed;

    /// <summary>
    /// Assembles feedback for writing. <paramref name="packets"/> must hold consecutive sequence numbers starting
    /// at the base sequence number; <see cref="TryWrite"/> checks this.
    /// </summary>
    public TransportWideCc(uint senderSsrc, uint mediaSsrc, int referenceTime, byte feedbackPacketCount, ReadOnlySpan<TwccPacketStatus> packets)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        ReferenceTime = referenceTime;
        FeedbackPacketCount = feedbackPacketCount;
        BaseSequenceNumber = packets.IsEmpty ? (ushort)0 : packets[0].SequenceNumber;
        PacketStatusCount = packets.Length;
        _packets = packets;
        _chunksAndDeltas = default;
        _isParsed = false;
    }

    private TransportWideCc(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> fci)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        BaseSequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(fci[BaseSequenceOffset..]);
        PacketStatusCount = BinaryPrimitives.ReadUInt16BigEndian(fci[StatusCountOffset..]);
        int reference = (fci[ReferenceTimeOffset] << 16) | (fci[ReferenceTimeOffset + 1] << 8) | fci[ReferenceTimeOffset + 2];
        ReferenceTime = (reference & Int24SignBit) != 0 ? reference - (Int24SignBit << 1) : reference;
        FeedbackPacketCount = fci[FeedbackCountOffset];
        _chunksAndDeltas = fci[ChunksOffset..];
        _packets = default;
        _isParsed = true;
    }

    /// <summary>SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; }

    /// <summary>SSRC of the media source (libwebrtc puts the first media SSRC here; it has no meaning).</summary>
    public uint MediaSsrc { get; }

    /// <summary>Transport-wide sequence number of the first packet described.</summary>
    public ushort BaseSequenceNumber { get; }

    /// <summary>Number of packets described.</summary>
    public int PacketStatusCount { get; }

    /// <summary>Reference time in multiples of 64 ms (signed 24 bits).</summary>
    public int ReferenceTime { get; }

    /// <summary>Feedback packet counter, wrapping at 256, to detect lost feedback.</summary>
    public byte FeedbackPacketCount { get; }

    /// <summary>Parses the feedback at the start of <paramref name="data"/>; chunks and deltas are decoded by <see cref="TryGetPackets"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out TransportWideCc feedback)
    {
        feedback = default;
        if (!RtcpFeedback.TrySlice(data, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatTransportWideCc, out uint sender, out uint media, out ReadOnlySpan<byte> fci)
            || fci.Length < ChunksOffset)
        {
            return false;
        }

        feedback = new TransportWideCc(sender, media, fci);
        return true;
    }

    /// <summary>
    /// Decodes every packet status into <paramref name="destination"/> (which needs <see cref="PacketStatusCount"/>
    /// entries). Fails on a reserved symbol, or chunks or deltas that overrun the packet.
    /// </summary>
    public bool TryGetPackets(Span<TwccPacketStatus> destination, out int count)
    {
        count = 0;
        if (!_isParsed)
        {
            if (!_packets.TryCopyTo(destination))
            {
                return false;
            }

            count = _packets.Length;
            return true;
        }

        if (destination.Length < PacketStatusCount
            || !TwccChunks.TryDecode(_chunksAndDeltas, BaseSequenceNumber, destination[..PacketStatusCount], out int chunksLength))
        {
            return false;
        }

        // Second pass: the symbols left in DeltaTicks say how many delta bytes each received packet has.
        int offset = chunksLength;
        for (int i = 0; i < PacketStatusCount; i++)
        {
            TwccPacketStatus status = destination[i];
            if (!status.Received)
            {
                continue;
            }

            if (status.DeltaTicks == (int)TwccSymbol.SmallDelta)
            {
                if (offset >= _chunksAndDeltas.Length)
                {
                    return false;
                }

                destination[i] = status with { DeltaTicks = _chunksAndDeltas[offset] };
                offset++;
            }
            else
            {
                if (offset + LargeDeltaLength > _chunksAndDeltas.Length)
                {
                    return false;
                }

                destination[i] = status with { DeltaTicks = BinaryPrimitives.ReadInt16BigEndian(_chunksAndDeltas[offset..]) };
                offset += LargeDeltaLength;
            }
        }

        count = PacketStatusCount;
        return true;
    }

    /// <summary>Serialized length, padded to 32 bits (built feedback only; a parsed one reports its FCI as read).</summary>
    public int GetSerializedLength() => RoundUpToWord(GetUnpaddedLength());

    /// <summary>
    /// Writes the feedback. Fails when it was parsed rather than assembled, when there are no packets or more
    /// than 65535, when sequence numbers are not consecutive, or when a delta does not fit 16 bits.
    /// Padding follows libwebrtc: P set and the count in the last byte.
    /// </summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (_isParsed || _packets.IsEmpty || _packets.Length > ushort.MaxValue
            || ReferenceTime is < MinReferenceTime or > MaxReferenceTime
            || !HasConsecutiveSequenceNumbers(_packets))
        {
            return false;
        }

        int unpadded = GetUnpaddedLength();
        int length = RoundUpToWord(unpadded);
        int padding = length - unpadded;
        if (!RtcpFeedback.TryWriteHeader(destination, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatTransportWideCc, length, SenderSsrc, MediaSsrc))
        {
            return false;
        }

        Span<byte> fci = destination[RtcpFeedback.FciOffset..length];
        fci.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(fci[BaseSequenceOffset..], BaseSequenceNumber);
        BinaryPrimitives.WriteUInt16BigEndian(fci[StatusCountOffset..], (ushort)PacketStatusCount);
        int reference = ReferenceTime & Int24Mask;
        fci[ReferenceTimeOffset] = (byte)(reference >> 16);
        fci[ReferenceTimeOffset + 1] = (byte)(reference >> 8);
        fci[ReferenceTimeOffset + 2] = (byte)reference;
        fci[FeedbackCountOffset] = FeedbackPacketCount;

        int offset = ChunksOffset + (TwccChunks.Encode(_packets, fci[ChunksOffset..]) * TwccChunks.ChunkLength);
        foreach (TwccPacketStatus packet in _packets)
        {
            switch (packet.Symbol)
            {
                case TwccSymbol.SmallDelta:
                    fci[offset++] = (byte)packet.DeltaTicks;
                    break;
                case TwccSymbol.LargeDelta:
                    BinaryPrimitives.WriteInt16BigEndian(fci[offset..], (short)packet.DeltaTicks);
                    offset += LargeDeltaLength;
                    break;
            }
        }

        if (padding > 0)
        {
            destination[0] |= RtcpHeader.PaddingBit;
            destination[length - 1] = (byte)padding;
        }

        written = length;
        return true;
    }

    private int GetUnpaddedLength()
    {
        if (_isParsed)
        {
            return RtcpFeedback.FciOffset + ChunksOffset + _chunksAndDeltas.Length;
        }

        int deltas = 0;
        foreach (TwccPacketStatus packet in _packets)
        {
            deltas += packet.Symbol switch
            {
                TwccSymbol.SmallDelta => 1,
                TwccSymbol.LargeDelta => LargeDeltaLength,
                _ => 0,
            };
        }

        int chunks = TwccChunks.Encode(_packets, default) * TwccChunks.ChunkLength;
        return RtcpFeedback.FciOffset + ChunksOffset + chunks + deltas;
    }

    private static int RoundUpToWord(int length) => (length + RtcpHeader.WordLength - 1) / RtcpHeader.WordLength * RtcpHeader.WordLength;

    private static bool HasConsecutiveSequenceNumbers(ReadOnlySpan<TwccPacketStatus> packets)
    {
        for (int i = 0; i < packets.Length; i++)
        {
            TwccPacketStatus packet = packets[i];
            if (packet.SequenceNumber != (ushort)(packets[0].SequenceNumber + i)
                || (packet.Received && packet.DeltaTicks is < short.MinValue or > short.MaxValue))
            {
                return false;
            }
        }

        return true;
    }
}
