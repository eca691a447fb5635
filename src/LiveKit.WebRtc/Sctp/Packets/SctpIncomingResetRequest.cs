using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 6525 §4.2 Incoming SSN Reset Request Parameter:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |     Parameter Type = 14       |  Parameter Length = 8 + 2 * N |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |          Re-configuration Request Sequence Number             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |  ...
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>
/// An Incoming SSN Reset Request (RFC 6525 §4.2): the sender asks the receiver to reset its outgoing streams. No stream
/// numbers means all streams.
/// </summary>
internal readonly ref struct SctpIncomingResetRequest
{
    /// <summary>Length of the parameter without stream numbers, header included.</summary>
    public const int FixedSize = 8;

    private readonly ReadOnlySpan<byte> _streams;

    private SctpIncomingResetRequest(ReadOnlySpan<byte> value)
    {
        RequestSequence = BinaryPrimitives.ReadUInt32BigEndian(value);
        _streams = value[(FixedSize - SctpParameter.HeaderSize)..];
    }

    /// <summary>Re-configuration Request Sequence Number of this request.</summary>
    public uint RequestSequence { get; }

    /// <summary>Number of stream numbers listed; zero means all streams.</summary>
    public int StreamCount => _streams.Length / sizeof(ushort);

    /// <summary>Stream number <paramref name="index"/>.</summary>
    public ushort GetStreamId(int index) => BinaryPrimitives.ReadUInt16BigEndian(_streams.Slice(index * sizeof(ushort), sizeof(ushort)));

    /// <summary>Reads the parameter; false for another type, fewer than 8 bytes, or half a stream number.</summary>
    public static bool TryParse(scoped in SctpParameter parameter, out SctpIncomingResetRequest request)
    {
        request = default;
        if (parameter.Type != SctpParameterType.IncomingSsnResetRequest
            || parameter.Length < FixedSize
            || (parameter.Length - FixedSize) % sizeof(ushort) != 0)
        {
            return false;
        }

        request = new SctpIncomingResetRequest(parameter.Value);
        return true;
    }
}
