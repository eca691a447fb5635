using System;

namespace LiveKit.WebRtc.Rtcp;

// RFC 4585 §6.2.1, one generic NACK FCI entry:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |            PID                |             BLP               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// PID is a lost sequence number; bit i of BLP (least significant first) marks PID+i+1 as lost too.

/// <summary>A packet ID and bitmask of following lost packets (RFC 4585 §6.2.1).</summary>
internal readonly record struct NackPair(ushort PacketId, ushort LostBitmask)
{
    /// <summary>Serialized length in bytes.</summary>
    public const int Length = 4;

    /// <summary>Most sequence numbers one pair can name.</summary>
    public const int MaxLostPerPair = 17;

    private const int BitmaskBits = 16;

    /// <summary>Number of sequence numbers this pair reports lost.</summary>
    public int LostCount => 1 + System.Numerics.BitOperations.PopCount(LostBitmask);

    /// <summary>Writes the lost sequence numbers in order; fails when <paramref name="destination"/> is too short.</summary>
    public bool TryGetLostSequenceNumbers(Span<ushort> destination, out int count)
    {
        count = 0;
        if (destination.Length < LostCount)
        {
            return false;
        }

        destination[count++] = PacketId;
        for (int bit = 0; bit < BitmaskBits; bit++)
        {
            if ((LostBitmask & (1 << bit)) != 0)
            {
                destination[count++] = (ushort)(PacketId + bit + 1);
            }
        }

        return true;
    }

    /// <summary>
    /// Packs lost sequence numbers, given in wrap-aware ascending order, into as few pairs as possible.
    /// Fails when <paramref name="destination"/> is too short.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<ushort> lost, Span<NackPair> destination, out int count)
    {
        count = 0;
        int i = 0;
        while (i < lost.Length)
        {
            if (count == destination.Length)
            {
                return false;
            }

            ushort packetId = lost[i++];
            ushort bitmask = 0;
            while (i < lost.Length)
            {
                int distance = (ushort)(lost[i] - packetId);
                if (distance is < 1 or > BitmaskBits)
                {
                    break;
                }

                bitmask |= (ushort)(1 << (distance - 1));
                i++;
            }

            destination[count++] = new NackPair(packetId, bitmask);
        }

        return true;
    }
}
