using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

/// <summary>Every chunk the writer produces parses back to what was written, padded, with a valid checksum.</summary>
public class SctpChunkRoundTripTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(1000)]
    public void Data_round_trips_with_padding(int userDataLength)
    {
        byte[] userData = new byte[userDataLength];
        new Random(userDataLength).NextBytes(userData);
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteData(0xFFFFFFFE, 7, 65535, 51, userData, unordered: true, beginning: false, ending: true, immediate: true));

        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.DataChunkSize(userDataLength), packet.Length);
        Assert.Equal(0, packet.Length % 4);
        Assert.True(SctpPacket.HasValidChecksum(packet));
        SctpChunk chunk = SctpTestPackets.SingleChunk(packet);
        Assert.Equal(SctpDataChunk.HeaderSize + userDataLength, chunk.Length);
        Assert.True(SctpDataChunk.TryParse(chunk, out SctpDataChunk data));
        Assert.Equal(0xFFFFFFFEu, data.Tsn);
        Assert.Equal(7, data.StreamId);
        Assert.Equal(65535, data.StreamSequenceNumber);
        Assert.Equal(51u, data.PayloadProtocolId);
        Assert.True(data.IsUnordered);
        Assert.False(data.IsBeginning);
        Assert.True(data.IsEnding);
        Assert.True(data.IsImmediate);
        Assert.Equal(userData, data.UserData.ToArray());

        // Padding is zero.
        for (int i = SctpCommonHeader.Size + chunk.Length; i < packet.Length; i++)
        {
            Assert.Equal(0, packet[i]);
        }
    }

    [Fact]
    public void Data_flags_map_to_bits()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteData(1, 0, 0, 0, [1], unordered: false, beginning: true, ending: false));
        SctpChunk chunk = SctpTestPackets.SingleChunk(packet);
        Assert.Equal(SctpDataChunk.BeginningFlag, chunk.Flags);
        Assert.True(SctpDataChunk.TryParse(chunk, out SctpDataChunk data));
        Assert.True(data.IsBeginning);
        Assert.False(data.IsEnding || data.IsUnordered || data.IsImmediate);
    }

    [Fact]
    public void Data_without_user_data_fails_to_parse_but_yields_its_tsn()
    {
        byte[] chunkBytes = [0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x00, 0x2A, 0, 1, 0, 0, 0, 0, 0, 0x33];
        SctpChunk chunk = SctpTestPackets.ChunkOf(chunkBytes);
        Assert.False(SctpDataChunk.TryParse(chunk, out _));
        Assert.True(SctpDataChunk.IsWithoutUserData(chunk, out uint tsn));
        Assert.Equal(42u, tsn);
    }

    [Fact]
    public void Writing_data_without_user_data_throws()
    {
        byte[] buffer = new byte[100];
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new SctpPacketWriter(buffer, 1, 2, 3);
            writer.TryWriteData(1, 0, 0, 0, [], false, true, true);
        });
    }

    public static IEnumerable<object[]> InitCases()
    {
        foreach (bool forwardTsn in new[] { false, true })
        {
            foreach (bool reconfig in new[] { false, true })
            {
                yield return [(byte)SctpChunkType.Init, 0, forwardTsn, reconfig];
                yield return [(byte)SctpChunkType.InitAck, 1, forwardTsn, reconfig];
                yield return [(byte)SctpChunkType.InitAck, 6, forwardTsn, reconfig];
                yield return [(byte)SctpChunkType.InitAck, 300, forwardTsn, reconfig];
            }
        }
    }

    [Theory]
    [MemberData(nameof(InitCases))]
    public void Init_and_init_ack_round_trip(byte chunkType, int cookieLength, bool forwardTsn, bool reconfig)
    {
        var type = (SctpChunkType)chunkType;
        byte[] cookie = new byte[cookieLength];
        new Random(cookieLength).NextBytes(cookie);
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteInit(type, 0xDEADBEEF, 131072, 1024, 65535, 0x80000001, cookie, forwardTsn, reconfig));

        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.InitChunkSize(cookieLength, forwardTsn, reconfig), packet.Length);
        SctpChunk chunk = SctpTestPackets.SingleChunk(packet);
        Assert.True(SctpInitChunk.TryParse(chunk, out SctpInitChunk init));
        Assert.Equal(type, init.Type);
        Assert.Equal(0xDEADBEEFu, init.InitiateTag);
        Assert.Equal(131072u, init.AdvertisedReceiverWindowCredit);
        Assert.Equal(1024, init.OutboundStreams);
        Assert.Equal(65535, init.InboundStreams);
        Assert.Equal(0x80000001u, init.InitialTsn);
        Assert.Equal(forwardTsn, init.SupportsForwardTsn);
        Assert.Equal(reconfig, init.SupportsReConfig);
        Assert.Equal(forwardTsn, init.TryGetParameter(SctpParameterType.ForwardTsnSupported, out _));
        Assert.Equal(cookieLength > 0, init.TryGetStateCookie(out ReadOnlySpan<byte> parsedCookie));
        Assert.Equal(cookie, parsedCookie.ToArray());

        // The chunk length leaves out the last parameter's padding (RFC 9260 §3.2), so it is the parameters' end.
        int end = SctpInitChunk.FixedSize;
        SctpParameterReader parameters = init.Parameters;
        foreach (SctpParameter parameter in parameters)
        {
            end += SctpTlv.Pad4(parameter.Length);
            Assert.NotEqual(0, parameter.Type);
        }

        Assert.False(parameters.IsMalformed);
        Assert.Equal(SctpTlv.Pad4(chunk.Length), end);
    }

    [Fact]
    public void Init_lists_reconfig_then_forward_tsn_as_supported_extensions()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteInit(SctpChunkType.Init, 1, 2, 3, 4, 5, [], forwardTsnSupported: true, reconfigSupported: true));
        Assert.True(SctpInitChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpInitChunk init));
        Assert.True(init.TryGetSupportedExtensions(out ReadOnlySpan<byte> types));
        Assert.Equal(new byte[] { 130, 192 }, types.ToArray());
    }

    [Fact]
    public void Init_with_a_cookie_and_init_ack_without_one_throw()
    {
        byte[] buffer = new byte[200];
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new SctpPacketWriter(buffer, 1, 2, 0);
            writer.TryWriteInit(SctpChunkType.Init, 1, 2, 3, 4, 5, [1], false, false);
        });
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new SctpPacketWriter(buffer, 1, 2, 0);
            writer.TryWriteInit(SctpChunkType.InitAck, 1, 2, 3, 4, 5, [], false, false);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var writer = new SctpPacketWriter(buffer, 1, 2, 0);
            writer.TryWriteInit(SctpChunkType.Sack, 1, 2, 3, 4, 5, [], false, false);
        });
    }

    [Fact]
    public void Sack_round_trips()
    {
        (ushort, ushort)[] gaps = [(2, 3), (5, 5), (100, 65535)];
        uint[] duplicates = [7, 0xFFFFFFFF];
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteSack(0xFFFFFFF0, 65536, gaps, duplicates));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.SackChunkSize(3, 2), packet.Length);
        Assert.True(SctpSackChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpSackChunk sack));
        Assert.Equal(0xFFFFFFF0u, sack.CumulativeTsnAck);
        Assert.Equal(65536u, sack.AdvertisedReceiverWindowCredit);
        Assert.Equal(3, sack.GapAckBlockCount);
        for (int i = 0; i < gaps.Length; i++)
        {
            Assert.Equal(gaps[i], sack.GetGapAckBlock(i));
        }

        Assert.Equal(2, sack.DuplicateTsnCount);
        Assert.Equal(7u, sack.GetDuplicateTsn(0));
        Assert.Equal(0xFFFFFFFFu, sack.GetDuplicateTsn(1));
    }

    [Fact]
    public void Empty_sack_round_trips()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteSack(9, 10, [], []));
        Assert.True(SctpSackChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpSackChunk sack));
        Assert.Equal(9u, sack.CumulativeTsnAck);
        Assert.Equal(0, sack.GapAckBlockCount);
        Assert.Equal(0, sack.DuplicateTsnCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(37)]
    public void Cookie_echo_round_trips(int cookieLength)
    {
        byte[] cookie = new byte[cookieLength];
        new Random(cookieLength).NextBytes(cookie);
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteCookieEcho(cookie));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.CookieEchoChunkSize(cookieLength), packet.Length);
        SctpChunk chunk = SctpTestPackets.SingleChunk(packet);
        Assert.Equal(SctpChunkType.CookieEcho, chunk.Type);
        Assert.Equal(cookie, chunk.Value.ToArray());
    }

    [Fact]
    public void Bodiless_chunks_round_trip()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteCookieAck() && w.TryWriteShutdownAck() && w.TryWriteShutdownComplete(tagReflected: true)
            && w.TryWriteShutdownComplete(tagReflected: false) && w.TryWriteAbort(tagReflected: true));
        Assert.Equal(SctpCommonHeader.Size + (5 * 4), packet.Length);

        var seen = new List<(SctpChunkType, byte, int)>();
        foreach (SctpChunk chunk in SctpPacket.Chunks(packet))
        {
            seen.Add((chunk.Type, chunk.Flags, chunk.Length));
        }

        Assert.Equal(
            [
                (SctpChunkType.CookieAck, (byte)0, 4), (SctpChunkType.ShutdownAck, (byte)0, 4), (SctpChunkType.ShutdownComplete, (byte)1, 4),
                (SctpChunkType.ShutdownComplete, (byte)0, 4), (SctpChunkType.Abort, (byte)1, 4),
            ],
            seen);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 13)]
    [InlineData(true, 16)]
    [InlineData(true, 1)]
    public void Heartbeat_and_ack_round_trip(bool ack, int infoLength)
    {
        SctpChunkType type = ack ? SctpChunkType.HeartbeatAck : SctpChunkType.Heartbeat;
        byte[] info = new byte[infoLength];
        new Random(infoLength).NextBytes(info);
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            type == SctpChunkType.Heartbeat ? w.TryWriteHeartbeat(info) : w.TryWriteHeartbeatAck(info));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.HeartbeatChunkSize(infoLength), packet.Length);
        SctpChunk chunk = SctpTestPackets.SingleChunk(packet);
        Assert.Equal(8 + infoLength, chunk.Length);
        Assert.True(SctpHeartbeatChunk.TryParse(chunk, out SctpHeartbeatChunk heartbeat));
        Assert.Equal(type, heartbeat.Type);
        Assert.Equal(info, heartbeat.Info.ToArray());
        Assert.Equal(4 + infoLength, heartbeat.InfoParameter.Length);
    }

    [Fact]
    public void Shutdown_round_trips()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteShutdown(0x12345678));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.ShutdownChunkSize, packet.Length);
        Assert.True(SctpShutdownChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpShutdownChunk shutdown));
        Assert.Equal(0x12345678u, shutdown.CumulativeTsnAck);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 5)]
    [InlineData(true, 8)]
    public void Abort_with_a_cause_round_trips(bool tagReflected, int infoLength)
    {
        byte[] info = new byte[infoLength];
        new Random(infoLength).NextBytes(info);
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteAbort(tagReflected, SctpErrorCauseCode.UserInitiatedAbort, info));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.AbortChunkSize(infoLength), packet.Length);
        SctpChunk chunk = SctpTestPackets.SingleChunk(packet);
        Assert.Equal(tagReflected, SctpAbortChunk.IsTagReflected(chunk));
        Assert.True(SctpAbortChunk.TryParse(chunk, out SctpAbortChunk abort));
        Assert.Equal(SctpChunkType.Abort, abort.Type);
        Assert.Equal(tagReflected, abort.TagReflected);

        int count = 0;
        SctpErrorCauseReader causes = abort.Causes;
        foreach ((ushort code, ReadOnlySpan<byte> causeInfo) in causes)
        {
            Assert.Equal((ushort)SctpErrorCauseCode.UserInitiatedAbort, code);
            Assert.Equal(info, causeInfo.ToArray());
            count++;
        }

        Assert.Equal(1, count);
        Assert.False(causes.IsMalformed);
    }

    [Fact]
    public void Shutdown_complete_parses_as_abort_view_without_causes()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteShutdownComplete(true));
        Assert.True(SctpAbortChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpAbortChunk complete));
        Assert.Equal(SctpChunkType.ShutdownComplete, complete.Type);
        Assert.True(complete.TagReflected);
        Assert.False(complete.Causes.MoveNext());
    }

    [Fact]
    public void Error_reporting_an_unrecognized_chunk_round_trips()
    {
        byte[] unknown = [0xC7, 0x00, 0x00, 0x07, 0xAA, 0xBB, 0xCC];
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteError(SctpErrorCauseCode.UnrecognizedChunkType, SctpTestPackets.ChunkOf(unknown).Raw));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.ErrorChunkSize(unknown.Length), packet.Length);
        Assert.True(SctpErrorChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpErrorChunk error));
        SctpErrorCauseReader causes = error.Causes;
        Assert.True(causes.MoveNext());
        Assert.Equal(SctpErrorCauseCode.UnrecognizedChunkType, causes.Current.CauseCode);
        Assert.Equal(unknown, causes.Current.Info.ToArray());
        Assert.Equal(unknown.Length + 4, causes.Current.Raw.Length);
        Assert.False(causes.MoveNext());
        Assert.False(causes.IsMalformed);
    }

    [Fact]
    public void Several_error_causes_are_read_in_order()
    {
        // Two causes, the first padded (length 5 -> 8), the last not (its padding is the chunk's).
        byte[] chunkBytes = [0x09, 0x00, 0x00, 0x11, 0x00, 0x0D, 0x00, 0x05, 0x41, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x05, 0x42];
        Assert.True(SctpErrorChunk.TryParse(SctpTestPackets.ChunkOf(chunkBytes), out SctpErrorChunk error));
        var codes = new List<ushort>();
        SctpErrorCauseReader causes = error.Causes;
        foreach (SctpErrorCause cause in causes)
        {
            codes.Add(cause.Code);
            Assert.Equal(1, cause.Info.Length);
        }

        Assert.Equal([13, 1], codes);
        Assert.False(causes.IsMalformed);
    }

    [Fact]
    public void Forward_tsn_round_trips()
    {
        (ushort, ushort)[] streams = [(1, 2), (65535, 0)];
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteForwardTsn(77, streams));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.ForwardTsnChunkSize(2), packet.Length);
        Assert.True(SctpForwardTsnChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpForwardTsnChunk forwardTsn));
        Assert.Equal(77u, forwardTsn.NewCumulativeTsn);
        Assert.Equal(2, forwardTsn.StreamCount);
        Assert.Equal(((ushort)1, (ushort)2), forwardTsn.GetStream(0));
        Assert.Equal(((ushort)65535, (ushort)0), forwardTsn.GetStream(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Reconfig_outgoing_reset_round_trips(int streamCount)
    {
        ushort[] streams = new ushort[streamCount];
        for (int i = 0; i < streamCount; i++)
        {
            streams[i] = (ushort)(i * 3);
        }

        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteReconfigOutgoingReset(10, 20, 30, streams));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.ReconfigOutgoingResetChunkSize(streamCount), packet.Length);
        Assert.True(SctpReconfigChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpReconfigChunk reconfig));
        Assert.True(reconfig.TryGetOutgoingResetRequest(out SctpOutgoingResetRequest request));
        Assert.Equal(10u, request.RequestSequence);
        Assert.Equal(20u, request.ResponseSequence);
        Assert.Equal(30u, request.SendersLastAssignedTsn);
        Assert.Equal(streamCount, request.StreamCount);
        for (int i = 0; i < streamCount; i++)
        {
            Assert.Equal(streams[i], request.GetStreamId(i));
        }

        Assert.False(reconfig.TryGetIncomingResetRequest(out _));
    }

    [Fact]
    public void Reconfig_incoming_reset_round_trips()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteReconfigIncomingReset(99, [4, 5, 6]));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.ReconfigIncomingResetChunkSize(3), packet.Length);
        Assert.True(SctpReconfigChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpReconfigChunk reconfig));
        Assert.True(reconfig.TryGetIncomingResetRequest(out SctpIncomingResetRequest request));
        Assert.Equal(99u, request.RequestSequence);
        Assert.Equal(3, request.StreamCount);
        Assert.Equal(6, request.GetStreamId(2));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(6u)]
    public void Reconfig_response_round_trips(uint resultValue)
    {
        var result = (SctpReconfigResult)resultValue;
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteReconfigResponse(0xFFFFFFFF, result));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.ReconfigResponseChunkSize, packet.Length);
        Assert.True(SctpReconfigChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpReconfigChunk reconfig));
        Assert.True(reconfig.TryGetResponse(out SctpReconfigResponse response));
        Assert.Equal(0xFFFFFFFFu, response.ResponseSequence);
        Assert.Equal(result, response.Result);
        Assert.False(response.HasNextTsns);
    }

    [Fact]
    public void Reconfig_response_and_outgoing_reset_in_one_chunk_round_trip()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteReconfigResponseAndOutgoingReset(5, SctpReconfigResult.Denied, 6, 7, 8, [1]));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.ReconfigResponseAndOutgoingResetChunkSize(1), packet.Length);
        Assert.True(SctpReconfigChunk.TryParse(SctpTestPackets.SingleChunk(packet), out SctpReconfigChunk reconfig));
        Assert.True(reconfig.TryGetResponse(out SctpReconfigResponse response));
        Assert.Equal(5u, response.ResponseSequence);
        Assert.Equal(SctpReconfigResult.Denied, response.Result);
        Assert.True(reconfig.TryGetOutgoingResetRequest(out SctpOutgoingResetRequest request));
        Assert.Equal(6u, request.RequestSequence);
        Assert.Equal(7u, request.ResponseSequence);
        Assert.Equal(8u, request.SendersLastAssignedTsn);
        Assert.Equal(1, request.GetStreamId(0));

        int count = 0;
        foreach (SctpParameter parameter in reconfig.Parameters)
        {
            count++;
        }

        Assert.Equal(2, count);
    }

    [Fact]
    public void Reconfig_response_with_next_tsns_parses()
    {
        byte[] chunkBytes =
        [
            0x82, 0x00, 0x00, 0x18, 0x00, 0x10, 0x00, 0x14, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0x0A, 0, 0, 0, 0x0B,
        ];
        Assert.True(SctpReconfigChunk.TryParse(SctpTestPackets.ChunkOf(chunkBytes), out SctpReconfigChunk reconfig));
        Assert.True(reconfig.TryGetResponse(out SctpReconfigResponse response));
        Assert.True(response.HasNextTsns);
        Assert.Equal(10u, response.SendersNextTsn);
        Assert.Equal(11u, response.ReceiversNextTsn);
    }

    [Fact]
    public void Raw_chunk_is_copied_and_padded()
    {
        byte[] unknown = [0x41, 0x05, 0x00, 0x06, 0xEE, 0xFF];
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) => w.TryWriteRaw(unknown));
        Assert.Equal(SctpCommonHeader.Size + SctpPacketWriter.RawChunkSize(6), packet.Length);
        SctpChunk chunk = SctpTestPackets.SingleChunk(packet);
        Assert.Equal((SctpChunkType)0x41, chunk.Type);
        Assert.Equal(5, chunk.Flags);
        Assert.Equal(unknown, chunk.Raw.ToArray());
        Assert.Equal(new byte[] { 0xEE, 0xFF }, chunk.Value.ToArray());
    }

    [Fact]
    public void Many_chunks_bundle_in_order()
    {
        byte[] packet = SctpTestPackets.Build((ref SctpPacketWriter w) =>
            w.TryWriteSack(1, 2, [], []) && w.TryWriteData(2, 0, 0, 51, "a"u8, false, true, true)
            && w.TryWriteData(3, 0, 1, 51, "bc"u8, false, true, true) && w.TryWriteForwardTsn(4, [])
            && w.TryWriteHeartbeat([9]) && w.TryWriteReconfigResponse(1, SctpReconfigResult.SuccessPerformed));
        var types = new List<SctpChunkType>();
        SctpChunkReader reader = SctpPacket.Chunks(packet);
        foreach (SctpChunk chunk in reader)
        {
            types.Add(chunk.Type);
        }

        Assert.False(reader.IsMalformed);
        Assert.Equal(
            [SctpChunkType.Sack, SctpChunkType.Data, SctpChunkType.Data, SctpChunkType.ForwardTsn, SctpChunkType.Heartbeat, SctpChunkType.ReConfig],
            types);
        Assert.True(SctpPacket.HasValidChecksum(packet));
    }
}
