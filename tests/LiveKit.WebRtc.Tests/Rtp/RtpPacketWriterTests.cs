using System;
using LiveKit.WebRtc.Rtp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtp;

public class RtpPacketWriterTests
{
    private static readonly RtpHeader Header = new() { Marker = true, PayloadType = 96, SequenceNumber = 0x1234, Timestamp = 0x01020304, Ssrc = 0xCAFEBABE };

    [Fact]
    public void One_byte_extensions_are_written_and_aligned_to_a_word()
    {
        byte[] buffer = new byte[64];
        RtpPacketWriter writer = new(buffer, Header, ReadOnlySpan<uint>.Empty, RtpExtensionForm.OneByte);

        Assert.True(writer.TryAddExtension(1, [0x85]));
        Assert.True(writer.TryAddExtension(3, [0x01, 0x02, 0x03]));
        Assert.True(writer.TryComplete([0xDE, 0xAD], 0, out int written));

        // 1 + 1 + 1 + 3 = 6 element bytes, padded with 2 zero bytes to 2 words.
        byte[] expected = Convert.FromHexString("90E0123401020304CAFEBABE" + "BEDE0002" + "1085" + "32010203" + "0000" + "DEAD");
        Assert.Equal(expected, buffer[..written]);
    }

    [Fact]
    public void Two_byte_extensions_csrcs_and_padding_round_trip()
    {
        byte[] buffer = new byte[128];
        uint[] csrcs = [0x11111111, 0x22222222];
        RtpPacketWriter writer = new(buffer, Header, csrcs, RtpExtensionForm.TwoByte);

        Assert.True(writer.TryAddExtension(20, ReadOnlySpan<byte>.Empty));
        Assert.True(writer.TryAddExtension(255, new byte[17]));
        Assert.True(writer.TryComplete([1, 2, 3], 4, out int written));

        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, written), out RtpPacket packet));
        Assert.True(packet.Header.Padding);
        Assert.Equal(4, packet.PaddingLength);
        Assert.Equal(2, packet.Header.CsrcCount);
        Assert.Equal(0x22222222u, packet.GetCsrc(1));
        Assert.Equal(RtpExtensionForm.TwoByte, packet.ExtensionForm);
        Assert.True(packet.TryGetExtension(20, out ReadOnlySpan<byte> empty));
        Assert.True(empty.IsEmpty);
        Assert.True(packet.TryGetExtension(255, out ReadOnlySpan<byte> big));
        Assert.Equal(17, big.Length);
        Assert.Equal(new byte[] { 1, 2, 3 }, packet.Payload.ToArray());
        Assert.Equal(0x1234, packet.Header.SequenceNumber);
        Assert.True(packet.Header.Marker);
    }

    [Fact]
    public void Packet_without_extensions_matches_the_fixed_header_layout()
    {
        byte[] buffer = new byte[32];
        RtpPacketWriter writer = new(buffer, Header, ReadOnlySpan<uint>.Empty, RtpExtensionForm.None);

        Assert.True(writer.TryComplete([0x42], 0, out int written));

        Assert.Equal(Convert.FromHexString("80E0123401020304CAFEBABE42"), buffer[..written]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(15, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 17)]
    public void One_byte_form_rejects_ids_and_lengths_it_cannot_encode(int id, int length)
    {
        byte[] buffer = new byte[64];
        RtpPacketWriter writer = new(buffer, Header, ReadOnlySpan<uint>.Empty, RtpExtensionForm.OneByte);

        Assert.False(writer.TryAddExtension(id, new byte[length]));
        Assert.False(writer.TryComplete([], 0, out _));
    }

    [Fact]
    public void Short_buffer_fails_instead_of_throwing()
    {
        byte[] buffer = new byte[16];
        RtpPacketWriter writer = new(buffer, Header, ReadOnlySpan<uint>.Empty, RtpExtensionForm.OneByte);

        Assert.False(writer.TryAddExtension(1, new byte[16]));
        Assert.False(writer.TryComplete(new byte[100], 0, out _));
    }
}
