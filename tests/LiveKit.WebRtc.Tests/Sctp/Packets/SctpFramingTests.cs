using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

/// <summary>The common header, chunk framing (RFC 9260 §3.2) and the readers' malformed flags.</summary>
public class SctpFramingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Packets_shorter_than_the_header_are_rejected(int length)
    {
        byte[] packet = new byte[length];
        Assert.False(SctpPacket.TryReadHeader(packet, out _));
        Assert.False(SctpPacket.HasValidChecksum(packet));
        SctpChunkReader reader = SctpPacket.Chunks(packet);
        Assert.True(reader.IsMalformed);
        Assert.False(reader.MoveNext());
    }

    [Fact]
    public void Header_fields_are_big_endian()
    {
        byte[] packet = [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0, 0, 0, 0, 0];
        Assert.True(SctpPacket.TryReadHeader(packet, out SctpCommonHeader header));
        Assert.Equal(0x1234, header.SourcePort);
        Assert.Equal(0x5678, header.DestinationPort);
        Assert.Equal(0x9ABCDEF0u, header.VerificationTag);
    }

    [Fact]
    public void Header_only_packet_has_no_chunks_and_is_well_formed()
    {
        SctpChunkReader reader = SctpPacket.Chunks(SctpCaptures.HeaderOnly);
        Assert.False(reader.MoveNext());
        Assert.False(reader.IsMalformed);
        Assert.Equal(0, reader.Count);
    }

    public static IEnumerable<object[]> MalformedTails()
    {
        yield return [new byte[] { 0x0B, 0x00, 0x00, 0x03 }]; // length below 4
        yield return [new byte[] { 0x0B, 0x00, 0x00, 0x00 }]; // length zero
        yield return [new byte[] { 0x0A, 0x00, 0x00, 0x09, 1, 2, 3, 4 }]; // past the end
        yield return [new byte[] { 0x0A, 0x00, 0x00, 0x05, 1 }]; // padding missing
        yield return [new byte[] { 0x0A, 0x00, 0x00, 0x06, 1, 2, 0 }]; // padding short
        yield return [new byte[] { 0x0B, 0x00 }]; // a cut-off header
        yield return [new byte[] { 0x0B }];
    }

    [Theory]
    [MemberData(nameof(MalformedTails))]
    public void A_bad_chunk_after_a_good_one_stops_the_walk_and_sets_malformed(byte[] tail)
    {
        byte[] packet = [.. SctpCaptures.HeaderOnly, 0x0B, 0x00, 0x00, 0x04, .. tail];
        SctpChunkReader reader = SctpPacket.Chunks(packet);
        Assert.True(reader.IsMalformed);
        Assert.Equal(1, reader.Count);

        var types = new List<SctpChunkType>();
        foreach (SctpChunk chunk in reader)
        {
            types.Add(chunk.Type);
        }

        Assert.Equal([SctpChunkType.CookieAck], types);

        // The flag is set up front, so it is right on the copy foreach used and on the original alike.
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void Chunk_raw_value_and_length_exclude_padding()
    {
        byte[] packet = [.. SctpCaptures.HeaderOnly, 0x0A, 0x07, 0x00, 0x06, 0xAB, 0xCD, 0x00, 0x00];
        SctpChunkReader reader = SctpPacket.Chunks(packet);
        Assert.True(reader.MoveNext());
        SctpChunk chunk = reader.Current;
        Assert.Equal(SctpChunkType.CookieEcho, chunk.Type);
        Assert.Equal(7, chunk.Flags);
        Assert.Equal(6, chunk.Length);
        Assert.Equal(new byte[] { 0xAB, 0xCD }, chunk.Value.ToArray());
        Assert.Equal(new byte[] { 0x0A, 0x07, 0x00, 0x06, 0xAB, 0xCD }, chunk.Raw.ToArray());
        Assert.Equal(SctpCommonHeader.Size, reader.CurrentOffset);
        Assert.False(reader.MoveNext());
        Assert.False(reader.IsMalformed);
    }

    [Fact]
    public void Default_chunk_is_empty_and_safe()
    {
        SctpChunk chunk = default;
        Assert.Equal(SctpChunkType.Data, chunk.Type);
        Assert.Equal(0, chunk.Length);
        Assert.True(chunk.Value.IsEmpty);
        Assert.False(SctpDataChunk.TryParse(chunk, out _));
    }

    [Theory]
    [InlineData(0x00, SctpUnknownChunkAction.Stop)]
    [InlineData(0x3F, SctpUnknownChunkAction.Stop)]
    [InlineData(0x40, SctpUnknownChunkAction.StopAndReport)]
    [InlineData(0x7F, SctpUnknownChunkAction.StopAndReport)]
    [InlineData(0x80, SctpUnknownChunkAction.Skip)]
    [InlineData(0x82, SctpUnknownChunkAction.Skip)] // RE-CONFIG: an unaware peer skips it silently
    [InlineData(0xBF, SctpUnknownChunkAction.Skip)]
    [InlineData(0xC0, SctpUnknownChunkAction.SkipAndReport)] // FORWARD TSN: an unaware peer skips and reports it
    [InlineData(0xFF, SctpUnknownChunkAction.SkipAndReport)]
    internal void Unknown_chunk_action_is_the_upper_two_bits(byte type, SctpUnknownChunkAction expected)
    {
        Assert.Equal(expected, SctpChunk.GetUnknownChunkAction(type));
        Assert.Equal(expected, SctpTestPackets.ChunkOf([type, 0, 0, 4]).UnknownChunkAction);
    }

    [Theory]
    [InlineData(0x0007, SctpUnrecognizedParameterAction.Stop)]
    [InlineData(0x3FFF, SctpUnrecognizedParameterAction.Stop)]
    [InlineData(0x4000, SctpUnrecognizedParameterAction.StopAndReport)]
    [InlineData(0x8008, SctpUnrecognizedParameterAction.Skip)]
    [InlineData(0xC000, SctpUnrecognizedParameterAction.SkipAndReport)]
    [InlineData(0xFFFF, SctpUnrecognizedParameterAction.SkipAndReport)]
    internal void Unrecognized_parameter_action_is_the_upper_two_bits(ushort type, SctpUnrecognizedParameterAction expected) =>
        Assert.Equal(expected, SctpParameter.GetUnrecognizedAction(type));

    [Fact]
    public void Known_chunk_types_are_the_enum_members()
    {
        int known = 0;
        for (int type = 0; type < 256; type++)
        {
            if (SctpChunk.IsKnownType((byte)type))
            {
                known++;
                Assert.True(Enum.IsDefined((SctpChunkType)type));
            }
        }

        Assert.Equal(Enum.GetValues<SctpChunkType>().Length, known);
    }

    [Fact]
    public void Parameter_reader_accepts_an_unpadded_last_parameter_only()
    {
        // Padding content is ignored (RFC 9260 §3.2), so bytes where the padding goes are not another parameter.
        var reader = new SctpParameterReader([0x80, 0x08, 0x00, 0x05, 0x82, 0xC0, 0x00, 0x04]);
        Assert.False(reader.IsMalformed);
        Assert.Equal(1, reader.Count);
        Assert.True(SctpParameterReader.IsWellFormed([0xC0, 0x00, 0x00, 0x04, 0x80, 0x08, 0x00, 0x05, 0x82]));
        Assert.True(SctpParameterReader.IsWellFormed([0x80, 0x08, 0x00, 0x05, 0x82, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x04]));
        Assert.False(SctpParameterReader.IsWellFormed([0x80, 0x08, 0x00, 0x05, 0x82, 0x00]));
        Assert.False(SctpParameterReader.IsWellFormed([0x80, 0x08, 0x00, 0x03]));
        Assert.False(SctpParameterReader.IsWellFormed([0x80, 0x08]));
        Assert.True(SctpParameterReader.IsWellFormed([]));
    }

    [Fact]
    public void Error_cause_reader_flags_a_truncated_cause()
    {
        var reader = new SctpErrorCauseReader([0x00, 0x0C, 0x00, 0x04, 0x00, 0x0D, 0x00, 0x09, 0x41]);
        Assert.True(reader.IsMalformed);
        Assert.Equal(1, reader.Count);
        Assert.True(reader.MoveNext());
        Assert.Equal(SctpErrorCauseCode.UserInitiatedAbort, reader.Current.CauseCode);
        Assert.False(reader.MoveNext());
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void Abort_with_malformed_causes_still_parses()
    {
        SctpChunk chunk = SctpTestPackets.ChunkOf([0x06, 0x01, 0x00, 0x08, 0x00, 0x01, 0x00, 0x20]);
        Assert.True(SctpAbortChunk.TryParse(chunk, out SctpAbortChunk abort));
        Assert.True(abort.TagReflected);
        Assert.True(abort.Causes.IsMalformed);
        Assert.False(abort.Causes.MoveNext());
    }
}
