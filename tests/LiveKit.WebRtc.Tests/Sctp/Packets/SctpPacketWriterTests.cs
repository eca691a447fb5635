using System;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

/// <summary>The writer's capacity rules: a chunk that does not fit writes nothing.</summary>
public class SctpPacketWriterTests
{
    [Fact]
    public void A_buffer_shorter_than_the_header_throws()
    {
        byte[] buffer = new byte[11];
        Assert.Throws<ArgumentException>(() => new SctpPacketWriter(buffer, 1, 2, 3));
    }

    [Fact]
    public void Remaining_counts_down_by_padded_chunk_sizes()
    {
        Span<byte> buffer = stackalloc byte[100];
        var writer = new SctpPacketWriter(buffer, 1, 2, 3);
        Assert.Equal(88, writer.Remaining);
        Assert.True(writer.TryWriteData(1, 0, 0, 0, [1, 2, 3], false, true, true));
        Assert.Equal(88 - SctpPacketWriter.DataChunkSize(3), writer.Remaining);
        Assert.Equal(1, writer.ChunkCount);
        Assert.Equal(12 + 20, writer.Length);
    }

    [Fact]
    public void A_chunk_that_fits_exactly_is_written_and_one_byte_less_is_refused()
    {
        int size = SctpCommonHeader.Size + SctpPacketWriter.DataChunkSize(5);
        byte[] exact = new byte[size];
        var fits = new SctpPacketWriter(exact, 1, 2, 3);
        Assert.True(fits.TryWriteData(1, 0, 0, 0, [1, 2, 3, 4, 5], false, true, true));
        Assert.Equal(0, fits.Remaining);

        byte[] small = new byte[size - 1];
        small.AsSpan(SctpCommonHeader.Size).Fill(0xEE);
        var refused = new SctpPacketWriter(small, 1, 2, 3);
        Assert.False(refused.TryWriteData(1, 0, 0, 0, [1, 2, 3, 4, 5], false, true, true));
        Assert.Equal(SctpCommonHeader.Size, refused.Length);
        Assert.Equal(0, refused.ChunkCount);
        Assert.All(small[SctpCommonHeader.Size..], static b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void Every_writer_method_refuses_when_full()
    {
        byte[] buffer = new byte[SctpCommonHeader.Size + 3];
        var w = new SctpPacketWriter(buffer, 1, 2, 3);
        Assert.False(w.TryWriteData(1, 0, 0, 0, [1], false, true, true));
        Assert.False(w.TryWriteInit(SctpChunkType.Init, 1, 2, 3, 4, 5, [], true, true));
        Assert.False(w.TryWriteSack(1, 2, [], []));
        Assert.False(w.TryWriteCookieEcho([1]));
        Assert.False(w.TryWriteCookieAck());
        Assert.False(w.TryWriteHeartbeat([1]));
        Assert.False(w.TryWriteHeartbeatAck([1]));
        Assert.False(w.TryWriteShutdown(1));
        Assert.False(w.TryWriteShutdownAck());
        Assert.False(w.TryWriteShutdownComplete(false));
        Assert.False(w.TryWriteAbort(false));
        Assert.False(w.TryWriteAbort(false, SctpErrorCauseCode.ProtocolViolation, [1]));
        Assert.False(w.TryWriteError(SctpErrorCauseCode.ProtocolViolation, [1]));
        Assert.False(w.TryWriteForwardTsn(1, []));
        Assert.False(w.TryWriteReconfigOutgoingReset(1, 2, 3, []));
        Assert.False(w.TryWriteReconfigIncomingReset(1, []));
        Assert.False(w.TryWriteReconfigResponse(1, SctpReconfigResult.Denied));
        Assert.False(w.TryWriteReconfigResponseAndOutgoingReset(1, SctpReconfigResult.Denied, 2, 3, 4, []));
        Assert.False(w.TryWriteRaw([0x41, 0, 0, 4]));
        Assert.Equal(0, w.ChunkCount);
        Assert.Equal(SctpCommonHeader.Size, w.Finish());
    }

    [Fact]
    public void A_chunk_longer_than_the_length_field_is_refused()
    {
        byte[] buffer = new byte[70_000];
        var writer = new SctpPacketWriter(buffer, 1, 2, 3);
        Assert.False(writer.TryWriteCookieEcho(new byte[ushort.MaxValue - 3]));
        Assert.True(writer.TryWriteCookieEcho(new byte[ushort.MaxValue - 4]));
    }

    [Fact]
    public void Padding_is_zeroed_over_a_dirty_buffer()
    {
        byte[] buffer = new byte[64];
        buffer.AsSpan().Fill(0xFF);
        var writer = new SctpPacketWriter(buffer, 1, 2, 3);
        Assert.True(writer.TryWriteInit(SctpChunkType.InitAck, 1, 2, 3, 4, 5, [9], forwardTsnSupported: false, reconfigSupported: true));
        int length = writer.Finish();

        // Cookie parameter 00 07 00 05 09 + 3 zero bytes; Supported Extensions 80 08 00 05 82 + 3 zero bytes (chunk padding).
        Assert.Equal(
            new byte[] { 0x00, 0x07, 0x00, 0x05, 0x09, 0, 0, 0, 0x80, 0x08, 0x00, 0x05, 0x82, 0, 0, 0 },
            buffer.AsSpan(SctpCommonHeader.Size + SctpInitChunk.FixedSize, 16).ToArray());
        Assert.Equal(SctpCommonHeader.Size + SctpInitChunk.FixedSize + 16, length);
        Assert.True(SctpPacket.HasValidChecksum(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void Finish_can_be_called_again_after_more_chunks()
    {
        byte[] buffer = new byte[64];
        var writer = new SctpPacketWriter(buffer, 1, 2, 3);
        Assert.True(writer.TryWriteCookieAck());
        Assert.True(SctpPacket.HasValidChecksum(buffer.AsSpan(0, writer.Finish())));
        Assert.True(writer.TryWriteShutdownAck());
        Assert.True(SctpPacket.HasValidChecksum(buffer.AsSpan(0, writer.Finish())));
    }
}
