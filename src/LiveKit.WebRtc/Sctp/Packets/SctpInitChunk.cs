using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.3.2 INIT and §3.3.3 INIT ACK share one layout:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Type = 1/2   |  Chunk Flags  |         Chunk Length          |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                         Initiate Tag                          |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |          Advertised Receiver Window Credit (a_rwnd)           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Number of Outbound Streams   |   Number of Inbound Streams   |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                          Initial TSN                          |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// \                                                               \
// /              Optional/Variable-Length Parameters              /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>
/// An INIT or INIT ACK chunk (RFC 9260 §3.3.2, §3.3.3). Parsing checks the framing only: a zero initiate tag or stream
/// count, or a missing state cookie in INIT ACK, is the association's to judge (RFC 9260 §3.3.2.1).
/// </summary>
internal readonly ref struct SctpInitChunk
{
    /// <summary>Length of the chunk before its parameters, chunk header included.</summary>
    public const int FixedSize = 20;

    private SctpInitChunk(SctpChunkType type, ReadOnlySpan<byte> value)
    {
        Type = type;
        InitiateTag = BinaryPrimitives.ReadUInt32BigEndian(value);
        AdvertisedReceiverWindowCredit = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
        OutboundStreams = BinaryPrimitives.ReadUInt16BigEndian(value[8..]);
        InboundStreams = BinaryPrimitives.ReadUInt16BigEndian(value[10..]);
        InitialTsn = BinaryPrimitives.ReadUInt32BigEndian(value[12..]);
        ParameterBytes = value[(FixedSize - SctpChunk.HeaderSize)..];
    }

    /// <summary><see cref="SctpChunkType.Init"/> or <see cref="SctpChunkType.InitAck"/>.</summary>
    public SctpChunkType Type { get; }

    /// <summary>The tag the receiver puts in every packet it sends to this endpoint.</summary>
    public uint InitiateTag { get; }

    /// <summary>Receive buffer space the sender offers (a_rwnd).</summary>
    public uint AdvertisedReceiverWindowCredit { get; }

    /// <summary>Number of outbound streams the sender wants to open.</summary>
    public ushort OutboundStreams { get; }

    /// <summary>Largest number of inbound streams the sender accepts.</summary>
    public ushort InboundStreams { get; }

    /// <summary>The TSN the sender's first DATA chunk will carry.</summary>
    public uint InitialTsn { get; }

    /// <summary>The optional and variable-length parameters, as received.</summary>
    public ReadOnlySpan<byte> ParameterBytes { get; }

    /// <summary>Walks the parameters.</summary>
    public SctpParameterReader Parameters => new(ParameterBytes);

    /// <summary>
    /// True when the sender can take FORWARD TSN: a Forward-TSN-Supported parameter (RFC 3758 §3.1) or FORWARD TSN in
    /// Supported Extensions (RFC 5061 §4.2.7).
    /// </summary>
    public bool SupportsForwardTsn =>
        SctpParameterReader.TryFind(ParameterBytes, SctpParameterType.ForwardTsnSupported, out _)
        || SupportsExtension(SctpChunkType.ForwardTsn);

    /// <summary>True when Supported Extensions lists RE-CONFIG (RFC 6525 §5.1.1).</summary>
    public bool SupportsReConfig => SupportsExtension(SctpChunkType.ReConfig);

    /// <summary>
    /// Reads an INIT or INIT ACK; false for another type, fewer than 20 bytes, or parameters that are not well framed.
    /// </summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpInitChunk init)
    {
        init = default;
        if (chunk.Type is not (SctpChunkType.Init or SctpChunkType.InitAck)
            || chunk.Length < FixedSize
            || !SctpParameterReader.IsWellFormed(chunk.Value[(FixedSize - SctpChunk.HeaderSize)..]))
        {
            return false;
        }

        init = new SctpInitChunk(chunk.Type, chunk.Value);
        return true;
    }

    /// <summary>Finds the first parameter of type <paramref name="type"/>.</summary>
    public bool TryGetParameter(ushort type, out SctpParameter parameter) =>
        SctpParameterReader.TryFind(ParameterBytes, type, out parameter);

    /// <summary>The State Cookie parameter's value (RFC 9260 §3.3.3.1), which COOKIE ECHO returns verbatim.</summary>
    public bool TryGetStateCookie(out ReadOnlySpan<byte> cookie)
    {
        bool found = TryGetParameter(SctpParameterType.StateCookie, out SctpParameter parameter);
        cookie = parameter.Value;
        return found;
    }

    /// <summary>The chunk types listed in Supported Extensions (RFC 5061 §4.2.7), one byte each.</summary>
    public bool TryGetSupportedExtensions(out ReadOnlySpan<byte> chunkTypes)
    {
        bool found = TryGetParameter(SctpParameterType.SupportedExtensions, out SctpParameter parameter);
        chunkTypes = parameter.Value;
        return found;
    }

    /// <summary>True when Supported Extensions lists <paramref name="type"/>.</summary>
    public bool SupportsExtension(SctpChunkType type) =>
        TryGetSupportedExtensions(out ReadOnlySpan<byte> types) && types.Contains((byte)type);
}
