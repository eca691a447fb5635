using System;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

/// <summary>Helpers that build packets with <see cref="SctpPacketWriter"/> and pick their chunks apart.</summary>
internal static class SctpTestPackets
{
    public const ushort Port = 5000;
    public const uint Tag = 0x01020304;

    /// <summary>A writer over a fresh 1500-byte buffer.</summary>
    public delegate bool Write(ref SctpPacketWriter writer);

    /// <summary>Builds a packet holding what <paramref name="write"/> appends; asserts that it fitted.</summary>
    public static byte[] Build(Write write, int capacity = 1500)
    {
        byte[] buffer = new byte[capacity];
        var writer = new SctpPacketWriter(buffer, Port, Port, Tag);
        Assert.True(write(ref writer));
        int length = writer.Finish();
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>The only chunk of a packet; asserts there is exactly one and the packet is well formed.</summary>
    public static SctpChunk SingleChunk(byte[] packet)
    {
        SctpChunkReader reader = SctpPacket.Chunks(packet);
        Assert.True(reader.MoveNext());
        SctpChunk chunk = reader.Current;
        Assert.False(reader.MoveNext());
        Assert.False(reader.IsMalformed);
        return chunk;
    }

    /// <summary>A chunk read from raw chunk bytes (no common header, padding added here); asserts they frame.</summary>
    public static SctpChunk ChunkOf(byte[] chunkBytes)
    {
        byte[] padded = new byte[SctpTlv.Pad4(chunkBytes.Length)];
        chunkBytes.CopyTo(padded, 0);
        Assert.True(SctpChunk.TryRead(padded, out SctpChunk chunk, out int advance));
        Assert.Equal(padded.Length, advance);
        return chunk;
    }
}
