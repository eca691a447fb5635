using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 6525 §4.1 Outgoing SSN Reset Request Parameter:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |     Parameter Type = 13       | Parameter Length = 16 + 2 * N |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           Re-configuration Request Sequence Number            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           Re-configuration Response Sequence Number           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                Sender's Last Assigned TSN                     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |  ...
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>
/// An Outgoing SSN Reset Request (RFC 6525 §4.1): the sender resets its outgoing streams, the receiver's incoming ones.
/// No stream numbers means all streams.
/// </summary>
internal readonly ref struct SctpOutgoingResetRequest
{
    /// <summary>Length of the parameter without stream numbers, header included.</summary>
    public const int FixedSize = 16;

    private readonly ReadOnlySpan<byte> _streams;

    private SctpOutgoingResetRequest(ReadOnlySpan<byte> value)
    {
        RequestSequence = BinaryPrimitives.ReadUInt32BigEndian(value);
        ResponseSequence = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
        SendersLastAssignedTsn = BinaryPrimitives.ReadUInt32BigEndian(value[8..]);
        _streams = value[(FixedSize - SctpParameter.HeaderSize)..];
    }

    /// <summary>Re-configuration Request Sequence Number of this request.</summary>
    public uint RequestSequence { get; }

    /// <summary>
    /// Re-configuration Response Sequence Number: when this answers an Incoming SSN Reset Request, that request's
    /// sequence number; otherwise the sender's last received request sequence number.
    /// </summary>
    public uint ResponseSequence { get; }

    /// <summary>The last TSN the sender assigned before the reset; the receiver resets once it has everything up to it.</summary>
    public uint SendersLastAssignedTsn { get; }

    /// <summary>Number of stream numbers listed; zero means all streams.</summary>
    public int StreamCount => _streams.Length / sizeof(ushort);

    /// <summary>Stream number <paramref name="index"/>.</summary>
    public ushort GetStreamId(int index) => BinaryPrimitives.ReadUInt16BigEndian(_streams.Slice(index * sizeof(ushort), sizeof(ushort)));

    /// <summary>Reads the parameter; false for another type, fewer than 16 bytes, or half a stream number.</summary>
    public static bool TryParse(scoped in SctpParameter parameter, out SctpOutgoingResetRequest request)
    {
        request = default;
        if (parameter.Type != SctpParameterType.OutgoingSsnResetRequest
            || parameter.Length < FixedSize
            || (parameter.Length - FixedSize) % sizeof(ushort) != 0)
        {
            return false;
        }

        request = new SctpOutgoingResetRequest(parameter.Value);
        return true;
    }
}
