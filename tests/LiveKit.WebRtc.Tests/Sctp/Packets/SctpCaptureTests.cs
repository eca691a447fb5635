using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

/// <summary>Real packets from Chromium and pion (see <see cref="SctpCaptures"/>): parsed, and rebuilt byte for byte.</summary>
public class SctpCaptureTests
{
    public static IEnumerable<object[]> Captures()
    {
        foreach (byte[] capture in SctpCaptures.All)
        {
            yield return [capture];
        }
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_capture_has_a_valid_checksum_and_well_framed_chunks(byte[] packet)
    {
        Assert.True(SctpPacket.HasValidChecksum(packet));
        Assert.True(SctpPacket.TryReadHeader(packet, out SctpCommonHeader header));
        Assert.Equal(5000, header.SourcePort);
        Assert.Equal(5000, header.DestinationPort);
        Assert.Equal(SctpPacket.ComputeChecksum(packet), header.Checksum);

        SctpChunkReader reader = SctpPacket.Chunks(packet);
        int end = SctpCommonHeader.Size;
        while (reader.MoveNext())
        {
            end = reader.CurrentOffset + SctpTlv.Pad4(reader.Current.Length);
        }

        Assert.False(reader.IsMalformed);
        Assert.Equal(packet.Length, end);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_flipped_bit_breaks_the_checksum(byte[] capture)
    {
        byte[] packet = (byte[])capture.Clone();
        packet[^1] ^= 0x10;
        Assert.False(SctpPacket.HasValidChecksum(packet));
        SctpPacket.WriteChecksum(packet);
        Assert.True(SctpPacket.HasValidChecksum(packet));
    }

    [Fact]
    public void Checksum_is_stored_least_significant_byte_first()
    {
        // RFC 9260 Appendix A: the header-only capture's CRC32c is 0xE100A906, on the wire 06 A9 00 E1.
        Assert.Equal(0xE100A906u, SctpPacket.ComputeChecksum(SctpCaptures.HeaderOnly));
        Assert.True(SctpPacket.TryReadHeader(SctpCaptures.HeaderOnly, out SctpCommonHeader header));
        Assert.Equal(0xE100A906u, header.Checksum);
        Assert.Equal(0u, header.VerificationTag);
    }

    [Fact]
    public void Init_fields_and_parameters()
    {
        SctpChunk chunk = SctpTestPackets.SingleChunk(SctpCaptures.Init);
        Assert.Equal(SctpChunkType.Init, chunk.Type);
        Assert.Equal(86, chunk.Length);
        Assert.True(SctpInitChunk.TryParse(chunk, out SctpInitChunk init));
        Assert.Equal(1438213285u, init.InitiateTag);
        Assert.Equal(131072u, init.AdvertisedReceiverWindowCredit);
        Assert.Equal(1024, init.OutboundStreams);
        Assert.Equal(2048, init.InboundStreams);
        Assert.Equal(3899461680u, init.InitialTsn);
        Assert.True(init.SupportsForwardTsn);
        Assert.True(init.SupportsReConfig);
        Assert.False(init.TryGetStateCookie(out _));

        var types = new List<ushort>();
        SctpParameterReader parameters = init.Parameters;
        foreach (SctpParameter parameter in parameters)
        {
            types.Add(parameter.Type);
        }

        Assert.Equal(
            [SctpParameterType.ForwardTsnSupported, SctpParameterType.SupportedExtensions, SctpParameterType.Random,
                SctpParameterType.RequestedHmacAlgorithm, SctpParameterType.ChunkList],
            types);
        Assert.True(init.TryGetSupportedExtensions(out ReadOnlySpan<byte> extensions));
        Assert.Equal(new byte[] { 0xc0, 0x0f, 0xc1, 0x80, 0x82 }, extensions.ToArray());
        Assert.True(init.TryGetParameter(SctpParameterType.ChunkList, out SctpParameter chunkList));
        Assert.Equal(new byte[] { 0x80, 0xc1 }, chunkList.Value.ToArray());
        Assert.Equal(SctpUnrecognizedParameterAction.Skip, chunkList.UnrecognizedAction);
    }

    [Fact]
    public void Chrome_init_ack_carries_its_cookie()
    {
        SctpChunk chunk = SctpTestPackets.SingleChunk(SctpCaptures.ChromeInitAck);
        Assert.True(SctpInitChunk.TryParse(chunk, out SctpInitChunk initAck));
        Assert.Equal(SctpChunkType.InitAck, initAck.Type);
        Assert.Equal(0x9bd5b36fu, initAck.InitiateTag);
        Assert.True(initAck.SupportsForwardTsn);
        Assert.True(initAck.SupportsReConfig);
        Assert.True(initAck.TryGetStateCookie(out ReadOnlySpan<byte> cookie));
        Assert.Equal(312 - 4, cookie.Length);
        Assert.True(cookie.StartsWith("KAME-BSD 1.1"u8));
    }

    [Fact]
    public void Cookie_echo_and_data_rebuild_byte_for_byte()
    {
        byte[] capture = SctpCaptures.CookieEchoAndData;
        SctpChunkReader reader = SctpPacket.Chunks(capture);
        Assert.True(reader.MoveNext());
        Assert.Equal(SctpChunkType.CookieEcho, reader.Current.Type);
        byte[] cookie = reader.Current.Value.ToArray();
        Assert.True(reader.MoveNext());
        Assert.True(SctpDataChunk.TryParse(reader.Current, out SctpDataChunk data));
        Assert.False(reader.MoveNext());
        Assert.False(reader.IsMalformed);

        Assert.Equal(0xa879a1c7u, data.Tsn);
        Assert.Equal(1, data.StreamId);
        Assert.Equal(0, data.StreamSequenceNumber);
        Assert.Equal(50u, data.PayloadProtocolId);
        Assert.True(data.IsBeginning);
        Assert.True(data.IsEnding);
        Assert.False(data.IsUnordered);
        Assert.False(data.IsImmediate);
        Assert.Equal(15, data.UserData.Length);
        Assert.True(data.UserData.EndsWith("foo"u8));

        byte[] rebuilt = new byte[capture.Length];
        var writer = new SctpPacketWriter(rebuilt, 5000, 5000, 0xfcd63fc6);
        Assert.True(writer.TryWriteCookieEcho(cookie));
        Assert.True(writer.TryWriteData(
            data.Tsn, data.StreamId, data.StreamSequenceNumber, data.PayloadProtocolId, data.UserData.ToArray(),
            unordered: false, beginning: true, ending: true));
        Assert.Equal(capture.Length, writer.Finish());
        Assert.Equal(capture, rebuilt);
    }

    [Fact]
    public void Sack_rebuilds_byte_for_byte()
    {
        Assert.True(SctpSackChunk.TryParse(SctpTestPackets.SingleChunk(SctpCaptures.Sack), out SctpSackChunk sack));
        Assert.Equal(0x8773bda4u, sack.CumulativeTsnAck);
        Assert.Equal(0x1fe74u, sack.AdvertisedReceiverWindowCredit);
        Assert.Equal(1, sack.GapAckBlockCount);
        Assert.Equal(((ushort)2, (ushort)2), sack.GetGapAckBlock(0));
        Assert.Equal(0, sack.DuplicateTsnCount);

        byte[] rebuilt = new byte[SctpCaptures.Sack.Length];
        var writer = new SctpPacketWriter(rebuilt, 5000, 5000, 0xc298980f);
        Assert.True(writer.TryWriteSack(0x8773bda4, 0x1fe74, [(2, 2)], []));
        Assert.Equal(rebuilt.Length, writer.Finish());
        Assert.Equal(SctpCaptures.Sack, rebuilt);
    }

    [Fact]
    public void Reconfig_outgoing_reset_rebuilds_byte_for_byte()
    {
        SctpChunk chunk = SctpTestPackets.SingleChunk(SctpCaptures.ReconfigOutgoingReset);
        Assert.Equal(22, chunk.Length);
        Assert.True(SctpReconfigChunk.TryParse(chunk, out SctpReconfigChunk reconfig));
        Assert.True(reconfig.TryGetOutgoingResetRequest(out SctpOutgoingResetRequest request));
        Assert.Equal(0x4e1cb9e6u, request.RequestSequence);
        Assert.Equal(0x3a748dffu, request.ResponseSequence);
        Assert.Equal(0x4e1cb9e6u, request.SendersLastAssignedTsn);
        Assert.Equal(1, request.StreamCount);
        Assert.Equal(1, request.GetStreamId(0));
        Assert.False(reconfig.TryGetResponse(out _));

        byte[] rebuilt = new byte[SctpCaptures.ReconfigOutgoingReset.Length];
        var writer = new SctpPacketWriter(rebuilt, 5000, 5000, 0xb6a512e5);
        Assert.True(writer.TryWriteReconfigOutgoingReset(0x4e1cb9e6, 0x3a748dff, 0x4e1cb9e6, [1]));
        Assert.Equal(rebuilt.Length, writer.Finish());
        Assert.Equal(SctpCaptures.ReconfigOutgoingReset, rebuilt);
    }

    [Fact]
    public void Forward_tsn_rebuilds_byte_for_byte()
    {
        Assert.True(SctpForwardTsnChunk.TryParse(SctpTestPackets.SingleChunk(SctpCaptures.ForwardTsn), out SctpForwardTsnChunk forwardTsn));
        Assert.Equal(3u, forwardTsn.NewCumulativeTsn);
        Assert.Equal(0, forwardTsn.StreamCount);

        byte[] rebuilt = new byte[SctpCaptures.ForwardTsn.Length];
        var writer = new SctpPacketWriter(rebuilt, 5000, 5000, 0xb6a512e5);
        Assert.True(writer.TryWriteForwardTsn(3, []));
        Assert.Equal(rebuilt.Length, writer.Finish());
        Assert.Equal(SctpCaptures.ForwardTsn, rebuilt);
    }

    [Fact]
    public void Header_only_packet_rebuilds_byte_for_byte()
    {
        byte[] rebuilt = new byte[SctpCommonHeader.Size];
        var writer = new SctpPacketWriter(rebuilt, 5000, 5000, 0);
        Assert.Equal(SctpCommonHeader.Size, writer.Finish());
        Assert.Equal(SctpCaptures.HeaderOnly, rebuilt);
    }
}
