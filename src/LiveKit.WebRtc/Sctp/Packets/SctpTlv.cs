using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// The type-length-value framing shared by chunks (RFC 9260 §3.2), parameters (§3.2.1) and error causes (§3.3.10):
/// a 16-bit length at offset 2 counts the 4-byte header and the value but not the padding to a multiple of 4.
/// </summary>
internal static class SctpTlv
{
    /// <summary>Length of the type and length fields.</summary>
    public const int HeaderSize = 4;

    /// <summary>Offset of the 16-bit length field.</summary>
    public const int LengthOffset = 2;

    /// <summary>The largest length the 16-bit field can express.</summary>
    public const int MaxLength = ushort.MaxValue;

    /// <summary>Rounds a length up to the next multiple of 4.</summary>
    public static int Pad4(int length) => (length + 3) & ~3;

    /// <summary>
    /// Frames the TLV at the start of <paramref name="data"/>: <paramref name="length"/> is its length field and
    /// <paramref name="advance"/> the bytes it occupies with padding. False when the header is cut short, the length is
    /// below 4, or the TLV or its padding runs past the end. With <paramref name="lastMayBeUnpadded"/>, a TLV that ends
    /// exactly at the end of the data needs no padding: inside a chunk the last parameter's padding is the chunk's,
    /// which the chunk length does not count (RFC 9260 §3.2).
    /// </summary>
    public static bool TryFrame(ReadOnlySpan<byte> data, bool lastMayBeUnpadded, out int length, out int advance)
    {
        length = 0;
        advance = 0;
        if (data.Length < HeaderSize)
        {
            return false;
        }

        int declared = BinaryPrimitives.ReadUInt16BigEndian(data[LengthOffset..]);
        if (declared < HeaderSize || declared > data.Length)
        {
            return false;
        }

        int padded = Pad4(declared);
        if (padded > data.Length)
        {
            if (!lastMayBeUnpadded || declared != data.Length)
            {
                return false;
            }

            padded = declared;
        }

        length = declared;
        advance = padded;
        return true;
    }

    /// <summary>
    /// Walks a run of TLVs to its end: <paramref name="count"/> is how many frame, and the result is false when the
    /// walk stops on bytes that do not frame (see <see cref="TryFrame"/>).
    /// </summary>
    public static bool IsWellFormedRun(ReadOnlySpan<byte> data, bool lastMayBeUnpadded, out int count)
    {
        count = 0;
        while (!data.IsEmpty)
        {
            if (!TryFrame(data, lastMayBeUnpadded, out _, out int advance))
            {
                return false;
            }

            data = data[advance..];
            count++;
        }

        return true;
    }
}
