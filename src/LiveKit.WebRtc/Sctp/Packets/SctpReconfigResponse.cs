using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 6525 §4.4 Re-configuration Response Parameter:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |     Parameter Type = 16       |      Parameter Length         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |         Re-configuration Response Sequence Number             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                            Result                             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                   Sender's Next TSN (optional)                |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  Receiver's Next TSN (optional)               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>
/// A Re-configuration Response (RFC 6525 §4.4). The two next-TSN fields come together, only in answer to an SSN/TSN
/// Reset Request.
/// </summary>
internal readonly ref struct SctpReconfigResponse
{
    /// <summary>Length of the parameter without the optional TSNs, header included.</summary>
    public const int Size = 12;

    /// <summary>Length of the parameter with both optional TSNs.</summary>
    public const int SizeWithNextTsns = 20;

    private SctpReconfigResponse(ReadOnlySpan<byte> value)
    {
        ResponseSequence = BinaryPrimitives.ReadUInt32BigEndian(value);
        Result = (SctpReconfigResult)BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
        HasNextTsns = value.Length >= SizeWithNextTsns - SctpParameter.HeaderSize;
        if (HasNextTsns)
        {
            SendersNextTsn = BinaryPrimitives.ReadUInt32BigEndian(value[8..]);
            ReceiversNextTsn = BinaryPrimitives.ReadUInt32BigEndian(value[12..]);
        }
    }

    /// <summary>The request sequence number of the request this answers.</summary>
    public uint ResponseSequence { get; }

    /// <summary>The outcome; values beyond the enum are possible on the wire.</summary>
    public SctpReconfigResult Result { get; }

    /// <summary>True when Sender's and Receiver's Next TSN are present.</summary>
    public bool HasNextTsns { get; }

    /// <summary>Sender's Next TSN, when <see cref="HasNextTsns"/>.</summary>
    public uint SendersNextTsn { get; }

    /// <summary>Receiver's Next TSN, when <see cref="HasNextTsns"/>.</summary>
    public uint ReceiversNextTsn { get; }

    /// <summary>Reads the parameter; false for another type or a length other than 12 or 20.</summary>
    public static bool TryParse(scoped in SctpParameter parameter, out SctpReconfigResponse response)
    {
        response = default;
        if (parameter.Type != SctpParameterType.ReconfigurationResponse
            || parameter.Length is not (Size or SizeWithNextTsns))
        {
            return false;
        }

        response = new SctpReconfigResponse(parameter.Value);
        return true;
    }
}
