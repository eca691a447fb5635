using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtcp;

// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3, run length chunk:
//
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |T| S |       Run Length        |   T=0; S is the symbol repeated Run Length times
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// §3.1.4, status vector chunk:
//
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |T|S|       symbol list         |   T=1; S=0: 14 one-bit symbols (0 lost, 1 small delta),
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+          S=1: 7 two-bit symbols

/// <summary>Decodes and encodes TWCC packet status chunks.</summary>
internal static class TwccChunks
{
    /// <summary>Length of every chunk in bytes.</summary>
    public const int ChunkLength = 2;

    private const int MaxRunLength = 0x1FFF;
    private const int OneBitCapacity = 14;
    private const int TwoBitCapacity = 7;
    private const ushort StatusVectorFlag = 0x8000;
    private const ushort TwoBitFlag = 0x4000;
    private const int RunSymbolShift = 13;
    private const int TwoBitSymbolMask = 0x3;
    private const int ReservedSymbol = 3;

    /// <summary>
    /// Reads chunks until <paramref name="destination"/> is full. Each entry gets its sequence number, its received
    /// flag and, temporarily in <see cref="TwccPacketStatus.DeltaTicks"/>, its symbol. Fails on a reserved symbol
    /// or when the chunks run out.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, ushort baseSequenceNumber, Span<TwccPacketStatus> destination, out int chunksLength)
    {
        chunksLength = 0;
        int produced = 0;
        int offset = 0;
        while (produced < destination.Length)
        {
            if (offset + ChunkLength > data.Length)
            {
                return false;
            }

            ushort chunk = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            offset += ChunkLength;
            int remaining = destination.Length - produced;
            if ((chunk & StatusVectorFlag) == 0)
            {
                int symbol = chunk >> RunSymbolShift;
                if (symbol == ReservedSymbol)
                {
                    return false;
                }

                int run = Math.Min(chunk & MaxRunLength, remaining);
                for (int i = 0; i < run; i++)
                {
                    destination[produced] = Status(baseSequenceNumber, produced, symbol);
                    produced++;
                }
            }
            else if ((chunk & TwoBitFlag) == 0)
            {
                int count = Math.Min(OneBitCapacity, remaining);
                for (int i = 0; i < count; i++)
                {
                    int symbol = (chunk >> (OneBitCapacity - 1 - i)) & 1;
                    destination[produced] = Status(baseSequenceNumber, produced, symbol);
                    produced++;
                }
            }
            else
            {
                int count = Math.Min(TwoBitCapacity, remaining);
                for (int i = 0; i < count; i++)
                {
                    int symbol = (chunk >> (2 * (TwoBitCapacity - 1 - i))) & TwoBitSymbolMask;
                    if (symbol == ReservedSymbol)
                    {
                        return false;
                    }

                    destination[produced] = Status(baseSequenceNumber, produced, symbol);
                    produced++;
                }
            }
        }

        chunksLength = offset;
        return true;
    }

    /// <summary>
    /// Encodes the packets' symbols as chunks into <paramref name="destination"/> and returns the chunk count;
    /// with an empty destination it only counts. Long runs and a uniform tail become run length chunks (as
    /// libwebrtc does), mixed stretches become one-bit vectors when no large delta is among them, two-bit otherwise.
    /// </summary>
    public static int Encode(ReadOnlySpan<TwccPacketStatus> packets, Span<byte> destination)
    {
        bool write = !destination.IsEmpty;
        int chunks = 0;
        int index = 0;
        while (index < packets.Length)
        {
            int remaining = packets.Length - index;
            int run = RunLength(packets[index..]);
            ushort chunk;
            int covered;
            if (run >= OneBitCapacity || run == remaining || (run >= TwoBitCapacity && HasLargeDelta(packets.Slice(index, Math.Min(OneBitCapacity, remaining)))))
            {
                chunk = (ushort)(((int)packets[index].Symbol << RunSymbolShift) | run);
                covered = run;
            }
            else if (!HasLargeDelta(packets.Slice(index, Math.Min(OneBitCapacity, remaining))))
            {
                covered = Math.Min(OneBitCapacity, remaining);
                chunk = StatusVectorFlag;
                for (int i = 0; i < covered; i++)
                {
                    chunk |= (ushort)((int)packets[index + i].Symbol << (OneBitCapacity - 1 - i));
                }
            }
            else
            {
                covered = Math.Min(TwoBitCapacity, remaining);
                chunk = StatusVectorFlag | TwoBitFlag;
                for (int i = 0; i < covered; i++)
                {
                    chunk |= (ushort)((int)packets[index + i].Symbol << (2 * (TwoBitCapacity - 1 - i)));
                }
            }

            if (write)
            {
                BinaryPrimitives.WriteUInt16BigEndian(destination[(chunks * ChunkLength)..], chunk);
            }

            chunks++;
            index += covered;
        }

        return chunks;
    }

    private static TwccPacketStatus Status(ushort baseSequenceNumber, int index, int symbol) =>
        new((ushort)(baseSequenceNumber + index), symbol != (int)TwccSymbol.NotReceived, symbol);

    private static int RunLength(ReadOnlySpan<TwccPacketStatus> packets)
    {
        TwccSymbol first = packets[0].Symbol;
        int run = 1;
        while (run < packets.Length && run < MaxRunLength && packets[run].Symbol == first)
        {
            run++;
        }

        return run;
    }

    private static bool HasLargeDelta(ReadOnlySpan<TwccPacketStatus> packets)
    {
        foreach (TwccPacketStatus packet in packets)
        {
            if (packet.Symbol == TwccSymbol.LargeDelta)
            {
                return true;
            }
        }

        return false;
    }
}
