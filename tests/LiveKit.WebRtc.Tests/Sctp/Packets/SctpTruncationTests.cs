using System;
using System.Buffers.Binary;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

/// <summary>
/// Every view rejects a chunk cut short: the chunk's bytes are truncated and its length field set to match, for every
/// length. Lengths that land on a boundary can still be a valid, smaller chunk; those are listed.
/// </summary>
public class SctpTruncationTests
{
    private delegate bool Parse(SctpChunk chunk);

    [Fact]
    public void Data() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteData(1, 2, 3, 4, [1, 2, 3, 4, 5], false, true, true),
        static c => SctpDataChunk.TryParse(c, out _),
        validBelowFull: [17, 18, 19, 20]);

    [Fact]
    public void Init_ack()
    {
        // Cookie parameter 10 (padded 12), Supported Extensions 6 (padded 8), Forward-TSN-Supported 4: 20 + 24 = 44.
        // Valid cuts: no parameters, or ending at a parameter's end, padded or (for the last) not.
        AssertTruncations(
            (ref SctpPacketWriter w) => w.TryWriteInit(SctpChunkType.InitAck, 1, 2, 3, 4, 5, [1, 2, 3, 4, 5, 6], true, true),
            static c => SctpInitChunk.TryParse(c, out _),
            validBelowFull: [20, 30, 32, 38, 40]);
    }

    [Fact]
    public void Sack() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteSack(1, 2, [(1, 2), (4, 5)], [9]),
        static c => SctpSackChunk.TryParse(c, out _),
        validBelowFull: []);

    [Fact]
    public void Forward_tsn() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteForwardTsn(1, [(1, 2), (3, 4)]),
        static c => SctpForwardTsnChunk.TryParse(c, out _),
        validBelowFull: [8, 12]);

    [Fact]
    public void Heartbeat() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteHeartbeat([1, 2, 3, 4, 5]),
        static c => SctpHeartbeatChunk.TryParse(c, out _),
        validBelowFull: []);

    [Fact]
    public void Heartbeat_ack() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteHeartbeatAck([1, 2, 3, 4, 5, 6, 7, 8]),
        static c => SctpHeartbeatChunk.TryParse(c, out _),
        validBelowFull: []);

    [Fact]
    public void Shutdown() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteShutdown(7),
        static c => SctpShutdownChunk.TryParse(c, out _),
        validBelowFull: []);

    [Fact]
    public void Reconfig_outgoing_reset() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteReconfigOutgoingReset(1, 2, 3, [4, 5, 6]),
        static c => SctpReconfigChunk.TryParse(c, out SctpReconfigChunk r) && r.TryGetOutgoingResetRequest(out _),
        validBelowFull: []);

    [Fact]
    public void Reconfig_incoming_reset() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteReconfigIncomingReset(1, [4, 5]),
        static c => SctpReconfigChunk.TryParse(c, out SctpReconfigChunk r) && r.TryGetIncomingResetRequest(out _),
        validBelowFull: []);

    [Fact]
    public void Reconfig_response() => AssertTruncations(
        (ref SctpPacketWriter w) => w.TryWriteReconfigResponse(1, SctpReconfigResult.Denied),
        static c => SctpReconfigChunk.TryParse(c, out SctpReconfigChunk r) && r.TryGetResponse(out _),
        validBelowFull: []);

    [Fact]
    public void Reconfig_response_then_request_keeps_the_response_when_the_request_is_cut()
    {
        // Cut inside the second parameter: the chunk is malformed as a whole.
        AssertTruncations(
            (ref SctpPacketWriter w) => w.TryWriteReconfigResponseAndOutgoingReset(1, SctpReconfigResult.SuccessPerformed, 2, 3, 4, [5]),
            static c => SctpReconfigChunk.TryParse(c, out SctpReconfigChunk r) && r.TryGetResponse(out _),
            validBelowFull: [16]);
    }

    [Fact]
    public void Abort_and_error_causes_flag_truncation()
    {
        byte[] full = FirstChunkBytes((ref SctpPacketWriter w) => w.TryWriteError(SctpErrorCauseCode.ProtocolViolation, "oops"u8));
        for (int length = SctpChunk.HeaderSize; length < full.Length; length++)
        {
            SctpChunk chunk = Truncate(full, length);
            Assert.True(SctpErrorChunk.TryParse(chunk, out SctpErrorChunk error));
            Assert.Equal(length > SctpChunk.HeaderSize, error.Causes.IsMalformed);
        }
    }

    [Fact]
    public void Every_view_rejects_other_chunk_types()
    {
        byte[] cookieAck = FirstChunkBytes((ref SctpPacketWriter w) => w.TryWriteCookieEcho(new byte[40]));
        SctpChunk chunk = SctpTestPackets.ChunkOf(cookieAck);
        Assert.False(SctpDataChunk.TryParse(chunk, out _));
        Assert.False(SctpInitChunk.TryParse(chunk, out _));
        Assert.False(SctpSackChunk.TryParse(chunk, out _));
        Assert.False(SctpForwardTsnChunk.TryParse(chunk, out _));
        Assert.False(SctpHeartbeatChunk.TryParse(chunk, out _));
        Assert.False(SctpShutdownChunk.TryParse(chunk, out _));
        Assert.False(SctpAbortChunk.TryParse(chunk, out _));
        Assert.False(SctpErrorChunk.TryParse(chunk, out _));
        Assert.False(SctpReconfigChunk.TryParse(chunk, out _));
    }

    [Fact]
    public void Heartbeat_needs_a_heartbeat_info_parameter()
    {
        Assert.False(SctpHeartbeatChunk.TryParse(SctpTestPackets.ChunkOf([0x04, 0, 0, 8, 0x00, 0x02, 0x00, 0x04]), out _));
        Assert.True(SctpHeartbeatChunk.TryParse(SctpTestPackets.ChunkOf([0x04, 0, 0, 8, 0x00, 0x01, 0x00, 0x04]), out _));
    }

    [Fact]
    public void Reconfig_parameter_views_reject_bad_lengths()
    {
        // Outgoing reset with half a stream number; incoming reset the same; a response of 16 bytes (one next-TSN only).
        Assert.False(ParseReconfig([0x00, 0x0D, 0x00, 0x11, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7]).TryGetOutgoingResetRequest(out _));
        Assert.False(ParseReconfig([0x00, 0x0E, 0x00, 0x09, 0, 0, 0, 1, 7]).TryGetIncomingResetRequest(out _));
        Assert.False(ParseReconfig([0x00, 0x10, 0x00, 0x10, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9]).TryGetResponse(out _));
        Assert.False(SctpReconfigChunk.TryParse(SctpTestPackets.ChunkOf([0x82, 0, 0, 4]), out _));
    }

    private static SctpReconfigChunk ParseReconfig(byte[] parameter)
    {
        byte[] chunk = new byte[SctpChunk.HeaderSize + parameter.Length];
        chunk[0] = (byte)SctpChunkType.ReConfig;
        BinaryPrimitives.WriteUInt16BigEndian(chunk.AsSpan(2), (ushort)chunk.Length);
        parameter.CopyTo(chunk, SctpChunk.HeaderSize);
        Assert.True(SctpReconfigChunk.TryParse(SctpTestPackets.ChunkOf(chunk), out SctpReconfigChunk reconfig));
        return reconfig;
    }

    private static void AssertTruncations(SctpTestPackets.Write write, Parse parse, int[] validBelowFull)
    {
        byte[] full = FirstChunkBytes(write);
        Assert.True(parse(SctpTestPackets.ChunkOf(full)));
        for (int length = SctpChunk.HeaderSize; length < full.Length; length++)
        {
            bool expected = Array.IndexOf(validBelowFull, length) >= 0;
            Assert.True(expected == parse(Truncate(full, length)), $"length {length} of {full.Length}: expected {expected}");
        }
    }

    private static byte[] FirstChunkBytes(SctpTestPackets.Write write) => SctpTestPackets.SingleChunk(SctpTestPackets.Build(write)).Raw.ToArray();

    // The chunk cut to length bytes with its length field saying so, padded as a sender would pad it.
    private static SctpChunk Truncate(byte[] chunk, int length)
    {
        byte[] cut = chunk.AsSpan(0, length).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(cut.AsSpan(SctpTlv.LengthOffset), (ushort)length);
        return SctpTestPackets.ChunkOf(cut);
    }
}
