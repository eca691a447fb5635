using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Builds one SCTP packet into a caller's buffer (RFC 9260 §3), allocating nothing: the common header, then chunks
/// appended in order, each padded with zeros to a multiple of 4, then <see cref="Finish"/> stores the CRC32c. A write
/// that does not fit returns false and leaves the packet as it was.
/// </summary>
/// <remarks>
/// Parameters and error causes inside a chunk are padded too, except the last one, whose padding is the chunk's and
/// is not counted in the chunk length (RFC 9260 §3.2). Arguments that no valid chunk could carry (a DATA chunk without
/// user data, an INIT with a cookie) are programming errors and throw.
/// </remarks>
internal ref struct SctpPacketWriter
{
    /// <summary>Size of a COOKIE ACK chunk.</summary>
    public const int CookieAckChunkSize = SctpChunk.HeaderSize;

    /// <summary>Size of a SHUTDOWN chunk.</summary>
    public const int ShutdownChunkSize = SctpShutdownChunk.Size;

    /// <summary>Size of a SHUTDOWN ACK chunk.</summary>
    public const int ShutdownAckChunkSize = SctpChunk.HeaderSize;

    /// <summary>Size of a SHUTDOWN COMPLETE chunk.</summary>
    public const int ShutdownCompleteChunkSize = SctpChunk.HeaderSize;

    /// <summary>Size of a RE-CONFIG chunk holding one Re-configuration Response without next TSNs.</summary>
    public const int ReconfigResponseChunkSize = SctpChunk.HeaderSize + SctpReconfigResponse.Size;

    private const int ParameterHeaderSize = SctpParameter.HeaderSize;

    private readonly Span<byte> _destination;
    private int _length;

    /// <summary>
    /// Starts a packet in <paramref name="destination"/> with its common header; throws when the buffer cannot hold
    /// even that.
    /// </summary>
    public SctpPacketWriter(Span<byte> destination, ushort sourcePort, ushort destinationPort, uint verificationTag)
    {
        if (!new SctpCommonHeader(sourcePort, destinationPort, verificationTag, 0).TryWrite(destination))
        {
            throw new ArgumentException($"An SCTP packet needs at least {SctpCommonHeader.Size} bytes.", nameof(destination));
        }

        _destination = destination;
        _length = SctpCommonHeader.Size;
        ChunkCount = 0;
    }

    /// <summary>Bytes written so far, common header included.</summary>
    public readonly int Length => _length;

    /// <summary>Bytes left for further chunks, padding included.</summary>
    public readonly int Remaining => _destination.Length - _length;

    /// <summary>Number of chunks written.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>The packet so far; its checksum is valid only after <see cref="Finish"/>.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _destination[.._length];

    /// <summary>The padded size of a DATA chunk carrying <paramref name="userDataLength"/> bytes.</summary>
    public static int DataChunkSize(int userDataLength) => SctpTlv.Pad4(SctpDataChunk.HeaderSize + userDataLength);

    /// <summary>The padded size of the INIT or INIT ACK that <see cref="TryWriteInit"/> writes.</summary>
    public static int InitChunkSize(int stateCookieLength, bool forwardTsnSupported, bool reconfigSupported) =>
        SctpTlv.Pad4(InitChunkLength(stateCookieLength, forwardTsnSupported, reconfigSupported));

    /// <summary>The size of a SACK chunk with the given numbers of gap blocks and duplicate TSNs.</summary>
    public static int SackChunkSize(int gapBlockCount, int duplicateTsnCount) =>
        SctpSackChunk.FixedSize + ((gapBlockCount + duplicateTsnCount) * SctpSackChunk.EntrySize);

    /// <summary>The padded size of a COOKIE ECHO chunk.</summary>
    public static int CookieEchoChunkSize(int cookieLength) => SctpTlv.Pad4(SctpChunk.HeaderSize + cookieLength);

    /// <summary>The padded size of a HEARTBEAT or HEARTBEAT ACK chunk carrying <paramref name="infoLength"/> bytes of info.</summary>
    public static int HeartbeatChunkSize(int infoLength) => SctpTlv.Pad4(SctpChunk.HeaderSize + ParameterHeaderSize + infoLength);

    /// <summary>The padded size of an ABORT chunk with one cause of <paramref name="causeInfoLength"/> bytes of info.</summary>
    public static int AbortChunkSize(int causeInfoLength) => SctpTlv.Pad4(SctpChunk.HeaderSize + SctpErrorCause.HeaderSize + causeInfoLength);

    /// <summary>The padded size of an ERROR chunk with one cause of <paramref name="causeInfoLength"/> bytes of info.</summary>
    public static int ErrorChunkSize(int causeInfoLength) => AbortChunkSize(causeInfoLength);

    /// <summary>The size of a FORWARD TSN chunk with <paramref name="streamCount"/> stream entries.</summary>
    public static int ForwardTsnChunkSize(int streamCount) =>
        SctpForwardTsnChunk.FixedSize + (streamCount * SctpForwardTsnChunk.EntrySize);

    /// <summary>The padded size of a RE-CONFIG chunk holding one Outgoing SSN Reset Request.</summary>
    public static int ReconfigOutgoingResetChunkSize(int streamCount) =>
        SctpTlv.Pad4(SctpChunk.HeaderSize + SctpOutgoingResetRequest.FixedSize + (streamCount * sizeof(ushort)));

    /// <summary>The padded size of a RE-CONFIG chunk holding one Incoming SSN Reset Request.</summary>
    public static int ReconfigIncomingResetChunkSize(int streamCount) =>
        SctpTlv.Pad4(SctpChunk.HeaderSize + SctpIncomingResetRequest.FixedSize + (streamCount * sizeof(ushort)));

    /// <summary>The padded size of a RE-CONFIG chunk holding a Re-configuration Response then an Outgoing SSN Reset Request.</summary>
    public static int ReconfigResponseAndOutgoingResetChunkSize(int streamCount) =>
        ReconfigOutgoingResetChunkSize(streamCount) + SctpReconfigResponse.Size;

    /// <summary>The padded size of a chunk <paramref name="chunkLength"/> bytes long.</summary>
    public static int RawChunkSize(int chunkLength) => SctpTlv.Pad4(chunkLength);

    /// <summary>Appends a DATA chunk (RFC 9260 §3.3.1); <paramref name="userData"/> must not be empty.</summary>
    public bool TryWriteData(
        uint tsn, ushort streamId, ushort ssn, uint ppid, scoped ReadOnlySpan<byte> userData,
        bool unordered, bool beginning, bool ending, bool immediate = false)
    {
        if (userData.IsEmpty)
        {
            throw new ArgumentException("A DATA chunk carries at least one byte of user data (RFC 9260 §3.3.1).", nameof(userData));
        }

        byte flags = (byte)((ending ? SctpDataChunk.EndingFlag : 0)
            | (beginning ? SctpDataChunk.BeginningFlag : 0)
            | (unordered ? SctpDataChunk.UnorderedFlag : 0)
            | (immediate ? SctpDataChunk.ImmediateFlag : 0));
        if (!TryBeginChunk(SctpChunkType.Data, flags, (long)SctpDataChunk.HeaderSize + userData.Length, out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, tsn);
        BinaryPrimitives.WriteUInt16BigEndian(value[4..], streamId);
        BinaryPrimitives.WriteUInt16BigEndian(value[6..], ssn);
        BinaryPrimitives.WriteUInt32BigEndian(value[8..], ppid);
        userData.CopyTo(value[(SctpDataChunk.HeaderSize - SctpChunk.HeaderSize)..]);
        return true;
    }

    /// <summary>
    /// Appends an INIT or INIT ACK (RFC 9260 §3.3.2, §3.3.3). INIT ACK carries <paramref name="stateCookie"/> (which
    /// must not be empty) in a State Cookie parameter; INIT must pass an empty one. When either extension is on, a
    /// Supported Extensions parameter (RFC 5061 §4.2.7) lists RE-CONFIG and/or FORWARD TSN, and Forward-TSN-Supported
    /// (RFC 3758 §3.1) follows when FORWARD TSN is on, as Chromium and pion send.
    /// </summary>
    public bool TryWriteInit(
        SctpChunkType initOrInitAck, uint initiateTag, uint arwnd, ushort outboundStreams, ushort inboundStreams,
        uint initialTsn, scoped ReadOnlySpan<byte> stateCookie, bool forwardTsnSupported, bool reconfigSupported)
    {
        if (initOrInitAck == SctpChunkType.Init && !stateCookie.IsEmpty)
        {
            throw new ArgumentException("INIT carries no state cookie (RFC 9260 §3.3.2).", nameof(stateCookie));
        }

        if (initOrInitAck == SctpChunkType.InitAck && stateCookie.IsEmpty)
        {
            throw new ArgumentException("INIT ACK must carry a state cookie (RFC 9260 §3.3.3).", nameof(stateCookie));
        }

        if (initOrInitAck is not (SctpChunkType.Init or SctpChunkType.InitAck))
        {
            throw new ArgumentOutOfRangeException(nameof(initOrInitAck), initOrInitAck, "Only INIT or INIT ACK.");
        }

        if (stateCookie.Length > SctpTlv.MaxLength
            || !TryBeginChunk(initOrInitAck, 0, InitChunkLength(stateCookie.Length, forwardTsnSupported, reconfigSupported), out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, initiateTag);
        BinaryPrimitives.WriteUInt32BigEndian(value[4..], arwnd);
        BinaryPrimitives.WriteUInt16BigEndian(value[8..], outboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(value[10..], inboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(value[12..], initialTsn);
        Span<byte> parameters = value[(SctpInitChunk.FixedSize - SctpChunk.HeaderSize)..];
        if (!stateCookie.IsEmpty)
        {
            parameters = parameters[WriteTlv(parameters, SctpParameterType.StateCookie, stateCookie)..];
        }

        Span<byte> extensions = stackalloc byte[2];
        int extensionCount = 0;
        if (reconfigSupported)
        {
            extensions[extensionCount++] = (byte)SctpChunkType.ReConfig;
        }

        if (forwardTsnSupported)
        {
            extensions[extensionCount++] = (byte)SctpChunkType.ForwardTsn;
        }

        if (extensionCount > 0)
        {
            parameters = parameters[WriteTlv(parameters, SctpParameterType.SupportedExtensions, extensions[..extensionCount])..];
        }

        if (forwardTsnSupported)
        {
            WriteTlv(parameters, SctpParameterType.ForwardTsnSupported, default);
        }

        return true;
    }

    /// <summary>
    /// Appends a SACK (RFC 9260 §3.3.4): gap blocks as offsets from <paramref name="cumulativeTsnAck"/>, and the TSNs
    /// received more than once since the last SACK.
    /// </summary>
    public bool TryWriteSack(
        uint cumulativeTsnAck, uint arwnd, scoped ReadOnlySpan<(ushort Start, ushort End)> gapBlocks, scoped ReadOnlySpan<uint> duplicateTsns)
    {
        if (gapBlocks.Length > ushort.MaxValue
            || duplicateTsns.Length > ushort.MaxValue
            || !TryBeginChunk(SctpChunkType.Sack, 0, SackChunkSize(gapBlocks.Length, duplicateTsns.Length), out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, cumulativeTsnAck);
        BinaryPrimitives.WriteUInt32BigEndian(value[4..], arwnd);
        BinaryPrimitives.WriteUInt16BigEndian(value[8..], (ushort)gapBlocks.Length);
        BinaryPrimitives.WriteUInt16BigEndian(value[10..], (ushort)duplicateTsns.Length);
        Span<byte> entries = value[(SctpSackChunk.FixedSize - SctpChunk.HeaderSize)..];
        foreach ((ushort start, ushort end) in gapBlocks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(entries, start);
            BinaryPrimitives.WriteUInt16BigEndian(entries[2..], end);
            entries = entries[SctpSackChunk.EntrySize..];
        }

        foreach (uint tsn in duplicateTsns)
        {
            BinaryPrimitives.WriteUInt32BigEndian(entries, tsn);
            entries = entries[SctpSackChunk.EntrySize..];
        }

        return true;
    }

    /// <summary>Appends a COOKIE ECHO carrying the peer's state cookie verbatim (RFC 9260 §3.3.11).</summary>
    public bool TryWriteCookieEcho(scoped ReadOnlySpan<byte> cookie)
    {
        if (!TryBeginChunk(SctpChunkType.CookieEcho, 0, (long)SctpChunk.HeaderSize + cookie.Length, out Span<byte> value))
        {
            return false;
        }

        cookie.CopyTo(value);
        return true;
    }

    /// <summary>Appends a COOKIE ACK (RFC 9260 §3.3.12).</summary>
    public bool TryWriteCookieAck() => TryBeginChunk(SctpChunkType.CookieAck, 0, CookieAckChunkSize, out _);

    /// <summary>Appends a HEARTBEAT whose Heartbeat Info parameter holds <paramref name="info"/> (RFC 9260 §3.3.5).</summary>
    public bool TryWriteHeartbeat(scoped ReadOnlySpan<byte> info) => TryWriteHeartbeatChunk(SctpChunkType.Heartbeat, info);

    /// <summary>Appends a HEARTBEAT ACK returning the HEARTBEAT's info (RFC 9260 §3.3.6).</summary>
    public bool TryWriteHeartbeatAck(scoped ReadOnlySpan<byte> info) => TryWriteHeartbeatChunk(SctpChunkType.HeartbeatAck, info);

    /// <summary>Appends a SHUTDOWN (RFC 9260 §3.3.8).</summary>
    public bool TryWriteShutdown(uint cumulativeTsnAck)
    {
        if (!TryBeginChunk(SctpChunkType.Shutdown, 0, ShutdownChunkSize, out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, cumulativeTsnAck);
        return true;
    }

    /// <summary>Appends a SHUTDOWN ACK (RFC 9260 §3.3.9).</summary>
    public bool TryWriteShutdownAck() => TryBeginChunk(SctpChunkType.ShutdownAck, 0, ShutdownAckChunkSize, out _);

    /// <summary>
    /// Appends a SHUTDOWN COMPLETE (RFC 9260 §3.3.13); <paramref name="tagReflected"/> sets T when the packet carries
    /// the receiver's own tag (RFC 9260 §8.5.1).
    /// </summary>
    public bool TryWriteShutdownComplete(bool tagReflected) =>
        TryBeginChunk(SctpChunkType.ShutdownComplete, TagFlags(tagReflected), ShutdownCompleteChunkSize, out _);

    /// <summary>Appends an ABORT without error causes (RFC 9260 §3.3.7).</summary>
    public bool TryWriteAbort(bool tagReflected) =>
        TryBeginChunk(SctpChunkType.Abort, TagFlags(tagReflected), SctpChunk.HeaderSize, out _);

    /// <summary>Appends an ABORT with one error cause (RFC 9260 §3.3.7, §3.3.10).</summary>
    public bool TryWriteAbort(bool tagReflected, ushort causeCode, scoped ReadOnlySpan<byte> causeInfo) =>
        TryWriteCauseChunk(SctpChunkType.Abort, TagFlags(tagReflected), causeCode, causeInfo);

    /// <summary>Appends an ABORT with one error cause (RFC 9260 §3.3.7, §3.3.10).</summary>
    public bool TryWriteAbort(bool tagReflected, SctpErrorCauseCode causeCode, scoped ReadOnlySpan<byte> causeInfo) =>
        TryWriteAbort(tagReflected, (ushort)causeCode, causeInfo);

    /// <summary>
    /// Appends an ERROR with one error cause (RFC 9260 §3.3.10); for an unrecognized chunk the info is the chunk's
    /// <see cref="SctpChunk.Raw"/> bytes.
    /// </summary>
    public bool TryWriteError(ushort causeCode, scoped ReadOnlySpan<byte> causeInfo) =>
        TryWriteCauseChunk(SctpChunkType.Error, 0, causeCode, causeInfo);

    /// <summary>Appends an ERROR with one error cause (RFC 9260 §3.3.10).</summary>
    public bool TryWriteError(SctpErrorCauseCode causeCode, scoped ReadOnlySpan<byte> causeInfo) =>
        TryWriteError((ushort)causeCode, causeInfo);

    /// <summary>Appends a FORWARD TSN (RFC 3758 §3.2) naming, per ordered stream, the largest skipped SSN.</summary>
    public bool TryWriteForwardTsn(uint newCumulativeTsn, scoped ReadOnlySpan<(ushort StreamId, ushort Ssn)> streams)
    {
        if (streams.Length > ushort.MaxValue
            || !TryBeginChunk(SctpChunkType.ForwardTsn, 0, ForwardTsnChunkSize(streams.Length), out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, newCumulativeTsn);
        Span<byte> entries = value[(SctpForwardTsnChunk.FixedSize - SctpChunk.HeaderSize)..];
        foreach ((ushort streamId, ushort ssn) in streams)
        {
            BinaryPrimitives.WriteUInt16BigEndian(entries, streamId);
            BinaryPrimitives.WriteUInt16BigEndian(entries[2..], ssn);
            entries = entries[SctpForwardTsnChunk.EntrySize..];
        }

        return true;
    }

    /// <summary>
    /// Appends a RE-CONFIG holding an Outgoing SSN Reset Request (RFC 6525 §4.1); no streams means all streams.
    /// </summary>
    public bool TryWriteReconfigOutgoingReset(uint requestSeq, uint responseSeq, uint lastTsn, scoped ReadOnlySpan<ushort> streams)
    {
        if (streams.Length > ushort.MaxValue
            || !TryBeginChunk(SctpChunkType.ReConfig, 0, OutgoingResetLength(streams.Length) + SctpChunk.HeaderSize, out Span<byte> value))
        {
            return false;
        }

        WriteOutgoingReset(value, requestSeq, responseSeq, lastTsn, streams);
        return true;
    }

    /// <summary>Appends a RE-CONFIG holding a Re-configuration Response (RFC 6525 §4.4).</summary>
    public bool TryWriteReconfigResponse(uint responseSeq, SctpReconfigResult result)
    {
        if (!TryBeginChunk(SctpChunkType.ReConfig, 0, ReconfigResponseChunkSize, out Span<byte> value))
        {
            return false;
        }

        WriteResponse(value, responseSeq, result);
        return true;
    }

    /// <summary>
    /// Appends a RE-CONFIG holding a Re-configuration Response followed by an Outgoing SSN Reset Request, one of the
    /// combinations RFC 6525 §3.1 allows: answering a peer's request while resetting our own streams.
    /// </summary>
    public bool TryWriteReconfigResponseAndOutgoingReset(
        uint responseSeq, SctpReconfigResult result, uint requestSeq, uint lastResponseSeq, uint lastTsn, scoped ReadOnlySpan<ushort> streams)
    {
        if (streams.Length > ushort.MaxValue
            || !TryBeginChunk(
                SctpChunkType.ReConfig,
                0,
                SctpChunk.HeaderSize + SctpReconfigResponse.Size + OutgoingResetLength(streams.Length),
                out Span<byte> value))
        {
            return false;
        }

        WriteResponse(value, responseSeq, result);
        WriteOutgoingReset(value[SctpReconfigResponse.Size..], requestSeq, lastResponseSeq, lastTsn, streams);
        return true;
    }

    /// <summary>
    /// Appends a RE-CONFIG holding an Incoming SSN Reset Request (RFC 6525 §4.2); no streams means all streams.
    /// </summary>
    public bool TryWriteReconfigIncomingReset(uint requestSeq, scoped ReadOnlySpan<ushort> streams)
    {
        if (streams.Length > ushort.MaxValue
            || !TryBeginChunk(
                SctpChunkType.ReConfig,
                0,
                SctpChunk.HeaderSize + SctpIncomingResetRequest.FixedSize + (streams.Length * sizeof(ushort)),
                out Span<byte> value))
        {
            return false;
        }

        int length = SctpIncomingResetRequest.FixedSize + (streams.Length * sizeof(ushort));
        WriteTlvHeader(value, SctpParameterType.IncomingSsnResetRequest, length);
        BinaryPrimitives.WriteUInt32BigEndian(value[ParameterHeaderSize..], requestSeq);
        WriteStreams(value[SctpIncomingResetRequest.FixedSize..], streams);
        return true;
    }

    /// <summary>
    /// Appends a chunk given whole, header included (for instance one built elsewhere), padding it to 4 bytes. The
    /// chunk's own length field is written as given; it should equal <paramref name="chunk"/>'s length.
    /// </summary>
    public bool TryWriteRaw(scoped ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < SctpChunk.HeaderSize)
        {
            throw new ArgumentException("A chunk has at least a 4-byte header (RFC 9260 §3.2).", nameof(chunk));
        }

        int padded = SctpTlv.Pad4(chunk.Length);
        if (chunk.Length > SctpTlv.MaxLength || padded > Remaining)
        {
            return false;
        }

        Span<byte> destination = _destination.Slice(_length, padded);
        chunk.CopyTo(destination);
        destination[chunk.Length..].Clear();
        _length += padded;
        ChunkCount++;
        return true;
    }

    /// <summary>Computes and stores the CRC32c (RFC 9260 §6.8) and returns the packet's length.</summary>
    public readonly int Finish()
    {
        SctpPacket.WriteChecksum(_destination[.._length]);
        return _length;
    }

    private static byte TagFlags(bool tagReflected) => tagReflected ? SctpAbortChunk.TagReflectedFlag : (byte)0;

    // The chunk length field for TryWriteInit: every parameter but the last counts its padding (RFC 9260 §3.2).
    private static int InitChunkLength(int stateCookieLength, bool forwardTsnSupported, bool reconfigSupported)
    {
        int length = SctpInitChunk.FixedSize;
        int lastPadding = 0;
        if (stateCookieLength > 0)
        {
            int parameter = ParameterHeaderSize + stateCookieLength;
            length += SctpTlv.Pad4(parameter);
            lastPadding = SctpTlv.Pad4(parameter) - parameter;
        }

        int extensionCount = (forwardTsnSupported ? 1 : 0) + (reconfigSupported ? 1 : 0);
        if (extensionCount > 0)
        {
            int parameter = ParameterHeaderSize + extensionCount;
            length += SctpTlv.Pad4(parameter);
            lastPadding = SctpTlv.Pad4(parameter) - parameter;
        }

        if (forwardTsnSupported)
        {
            length += ParameterHeaderSize;
            lastPadding = 0;
        }

        return length - lastPadding;
    }

    private static int OutgoingResetLength(int streamCount) => SctpOutgoingResetRequest.FixedSize + (streamCount * sizeof(ushort));

    private static void WriteOutgoingReset(Span<byte> destination, uint requestSeq, uint responseSeq, uint lastTsn, ReadOnlySpan<ushort> streams)
    {
        WriteTlvHeader(destination, SctpParameterType.OutgoingSsnResetRequest, OutgoingResetLength(streams.Length));
        BinaryPrimitives.WriteUInt32BigEndian(destination[ParameterHeaderSize..], requestSeq);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(ParameterHeaderSize + 4)..], responseSeq);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(ParameterHeaderSize + 8)..], lastTsn);
        WriteStreams(destination[SctpOutgoingResetRequest.FixedSize..], streams);
    }

    private static void WriteResponse(Span<byte> destination, uint responseSeq, SctpReconfigResult result)
    {
        WriteTlvHeader(destination, SctpParameterType.ReconfigurationResponse, SctpReconfigResponse.Size);
        BinaryPrimitives.WriteUInt32BigEndian(destination[ParameterHeaderSize..], responseSeq);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(ParameterHeaderSize + 4)..], (uint)result);
    }

    private static void WriteStreams(Span<byte> destination, ReadOnlySpan<ushort> streams)
    {
        for (int i = 0; i < streams.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(i * sizeof(ushort))..], streams[i]);
        }
    }

    private static void WriteTlvHeader(Span<byte> destination, ushort type, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[SctpTlv.LengthOffset..], (ushort)length);
    }

    // Writes a parameter or cause and zeroes as much of its padding as the destination holds (the last one's padding
    // lies beyond the chunk value and is zeroed with the chunk's). Returns how far the destination was consumed: the
    // padded length, or less for the last one.
    private static int WriteTlv(Span<byte> destination, ushort type, ReadOnlySpan<byte> value)
    {
        int length = SctpTlv.HeaderSize + value.Length;
        WriteTlvHeader(destination, type, length);
        value.CopyTo(destination[SctpTlv.HeaderSize..]);
        int consumed = Math.Min(SctpTlv.Pad4(length), destination.Length);
        destination[length..consumed].Clear();
        return consumed;
    }

    private bool TryWriteHeartbeatChunk(SctpChunkType type, scoped ReadOnlySpan<byte> info)
    {
        if (!TryBeginChunk(type, 0, (long)SctpChunk.HeaderSize + ParameterHeaderSize + info.Length, out Span<byte> value))
        {
            return false;
        }

        WriteTlv(value, SctpParameterType.HeartbeatInfo, info);
        return true;
    }

    private bool TryWriteCauseChunk(SctpChunkType type, byte flags, ushort causeCode, scoped ReadOnlySpan<byte> causeInfo)
    {
        if (!TryBeginChunk(type, flags, (long)SctpChunk.HeaderSize + SctpErrorCause.HeaderSize + causeInfo.Length, out Span<byte> value))
        {
            return false;
        }

        WriteTlv(value, causeCode, causeInfo);
        return true;
    }

    // Reserves a chunk whose length field is chunkLength, plus its padding: writes the header, zeroes the padding and
    // hands back the value. False, with nothing written, when the chunk is too long for its length field or the buffer.
    private bool TryBeginChunk(SctpChunkType type, byte flags, long chunkLength, out Span<byte> value)
    {
        value = default;
        if (chunkLength > SctpTlv.MaxLength || SctpTlv.Pad4((int)chunkLength) > Remaining)
        {
            return false;
        }

        int length = (int)chunkLength;
        Span<byte> chunk = _destination.Slice(_length, SctpTlv.Pad4(length));
        chunk[0] = (byte)type;
        chunk[1] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(chunk[SctpTlv.LengthOffset..], (ushort)length);
        chunk[length..].Clear();
        value = chunk[SctpChunk.HeaderSize..length];
        _length += chunk.Length;
        ChunkCount++;
        return true;
    }
}
