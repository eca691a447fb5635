using System;
using LiveKit.WebRtc.Rtp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtp;

public class RtpPacketTests
{
    // pion/rtp packet_test.go TestBasic: marker, PT 96, X with a non-RFC 8285 profile (1) and one extension word.
    private static readonly byte[] PionBasic =
    [
        0x90, 0xe0, 0x69, 0x8f, 0xd9, 0xc2, 0x93, 0xda, 0x1c, 0x64,
        0x27, 0x82, 0x00, 0x01, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x98, 0x36, 0xbe, 0x88, 0x9e,
    ];

    [Fact]
    public void Pion_basic_packet_parses_every_header_field()
    {
        Assert.True(RtpPacket.TryParse(PionBasic, out RtpPacket packet));

        Assert.True(packet.Header.Marker);
        Assert.True(packet.Header.Extension);
        Assert.Equal(96, packet.Header.PayloadType);
        Assert.Equal(27023, packet.Header.SequenceNumber);
        Assert.Equal(3653407706u, packet.Header.Timestamp);
        Assert.Equal(476325762u, packet.Header.Ssrc);
        Assert.Equal(1, packet.ExtensionProfile);
        Assert.Equal(RtpExtensionForm.None, packet.ExtensionForm);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, packet.ExtensionBlock.ToArray());
        Assert.Equal(20, packet.HeaderLength);
        Assert.Equal(PionBasic[20..], packet.Payload.ToArray());
    }

    [Fact]
    public void Parsed_packet_writes_back_byte_exact()
    {
        Assert.True(RtpPacket.TryParse(PionBasic, out RtpPacket packet));
        byte[] buffer = new byte[packet.GetSerializedLength()];

        Assert.True(packet.TryWrite(buffer, out int written));

        Assert.Equal(PionBasic.Length, written);
        Assert.Equal(PionBasic, buffer);
    }

    [Fact]
    public void Header_round_trips_through_its_own_writer()
    {
        RtpHeader header = new() { Marker = true, PayloadType = 111, SequenceNumber = 65535, Timestamp = 0xDEADBEEF, Ssrc = 0x01020304 };
        byte[] buffer = new byte[RtpHeader.FixedLength];

        Assert.True(header.TryWrite(buffer, out int written));
        Assert.Equal(12, written);
        Assert.Equal(Convert.FromHexString("80EFFFFFDEADBEEF01020304"), buffer);
        Assert.True(RtpHeader.TryParse(buffer, out RtpHeader parsed));
        Assert.Equal(header, parsed);
    }

    [Fact]
    public void One_byte_extensions_are_found_by_id_past_padding_bytes()
    {
        // RFC 8285 §4.2: 0xBEDE, length 2 words: id 1 (1 byte), a padding byte, id 3 (2 bytes), then padding.
        byte[] raw = Convert.FromHexString("900000010000000200000003" + "BEDE0002" + "10AA" + "00" + "31BBCC" + "0000" + "C0FFEE");

        Assert.True(RtpPacket.TryParse(raw, out RtpPacket packet));

        Assert.Equal(RtpExtensionForm.OneByte, packet.ExtensionForm);
        Assert.True(packet.TryGetExtension(1, out ReadOnlySpan<byte> one));
        Assert.Equal(new byte[] { 0xAA }, one.ToArray());
        Assert.True(packet.TryGetExtension(3, out ReadOnlySpan<byte> three));
        Assert.Equal(new byte[] { 0xBB, 0xCC }, three.ToArray());
        Assert.False(packet.TryGetExtension(2, out _));
        Assert.Equal(new byte[] { 0xC0, 0xFF, 0xEE }, packet.Payload.ToArray());
    }

    [Fact]
    public void One_byte_id_0_is_a_single_padding_byte_whatever_its_length_nibble()
    {
        byte[] raw = Convert.FromHexString("900000010000000200000003" + "BEDE0001" + "0F" + "10AA00");

        Assert.True(RtpPacket.TryParse(raw, out RtpPacket packet));

        Assert.True(packet.TryGetExtension(1, out ReadOnlySpan<byte> value));
        Assert.Equal(new byte[] { 0xAA }, value.ToArray());
    }

    [Fact]
    public void One_byte_id_15_stops_parsing_the_block()
    {
        byte[] raw = Convert.FromHexString("900000010000000200000003" + "BEDE0001" + "F0" + "10AA00");

        Assert.True(RtpPacket.TryParse(raw, out RtpPacket packet));

        Assert.False(packet.TryGetExtension(1, out _));
    }

    [Fact]
    public void Two_byte_extensions_allow_empty_values_and_large_ids()
    {
        // RFC 8285 §4.3: profile 0x1000 (appbits 0), id 200 with 0 bytes, padding byte, id 5 with 3 bytes.
        byte[] raw = Convert.FromHexString("900000010000000200000003" + "10000002" + "C800" + "00" + "0503010203" + "77");

        Assert.True(RtpPacket.TryParse(raw, out RtpPacket packet));

        Assert.Equal(RtpExtensionForm.TwoByte, packet.ExtensionForm);
        Assert.True(packet.TryGetExtension(200, out ReadOnlySpan<byte> empty));
        Assert.True(empty.IsEmpty);
        Assert.True(packet.TryGetExtension(5, out ReadOnlySpan<byte> five));
        Assert.Equal(new byte[] { 1, 2, 3 }, five.ToArray());
        Assert.Equal(new byte[] { 0x77 }, packet.Payload.ToArray());
    }

    [Fact]
    public void Two_byte_profile_appbits_are_accepted()
    {
        Assert.Equal(RtpExtensionForm.TwoByte, RtpExtensionProfile.GetForm(0x100F));
        Assert.Equal(RtpExtensionForm.None, RtpExtensionProfile.GetForm(0x1010));
    }

    [Fact]
    public void Truncated_extension_element_is_reported_malformed()
    {
        byte[] raw = Convert.FromHexString("900000010000000200000003" + "BEDE0001" + "13AABBCC");

        Assert.True(RtpPacket.TryParse(raw, out RtpPacket packet));
        RtpExtensionEnumerator extensions = packet.GetExtensions();

        Assert.False(extensions.MoveNext());
        Assert.True(extensions.IsMalformed);
    }

    [Fact]
    public void Padding_is_removed_from_the_payload()
    {
        // P set; payload 2 bytes then 3 padding bytes ending in the count 3.
        byte[] raw = Convert.FromHexString("A00000010000000200000003" + "ABCD" + "000003");

        Assert.True(RtpPacket.TryParse(raw, out RtpPacket packet));

        Assert.True(packet.Header.Padding);
        Assert.Equal(3, packet.PaddingLength);
        Assert.Equal(new byte[] { 0xAB, 0xCD }, packet.Payload.ToArray());
    }

    [Theory]
    [InlineData("A00000010000000200000003ABCD00")] // padding count 0
    [InlineData("A00000010000000200000003FF")] // padding count larger than the packet
    [InlineData("A00000010000000200000003")] // P set with no bytes after the header
    [InlineData("400000010000000200000003")] // version 1
    [InlineData("8000000100000002000000")] // 11 bytes
    [InlineData("820000010000000200000003AABBCCDD")] // CC=2 with one CSRC
    [InlineData("900000010000000200000003BEDE0002AABBCCDD")] // extension longer than the packet
    public void Malformed_packets_are_rejected(string hex)
    {
        Assert.False(RtpPacket.TryParse(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void Csrcs_are_read_in_order()
    {
        byte[] raw = Convert.FromHexString("820000010000000200000003" + "AABBCCDD" + "11223344" + "99");

        Assert.True(RtpPacket.TryParse(raw, out RtpPacket packet));

        Assert.Equal(2, packet.Header.CsrcCount);
        Assert.Equal(0xAABBCCDDu, packet.GetCsrc(0));
        Assert.Equal(0x11223344u, packet.GetCsrc(1));
        Assert.Equal(new byte[] { 0x99 }, packet.Payload.ToArray());
    }
}
