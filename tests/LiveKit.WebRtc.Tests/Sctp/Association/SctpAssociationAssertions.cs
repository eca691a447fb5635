using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

/// <summary>What the association tests share: the time bound, seeded payloads, chunk lookup, delivery checks.</summary>
internal static class SctpAssociationAssertions
{
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static byte[] Payload(int index, int size)
    {
        byte[] payload = new byte[size];
        new Random(index).NextBytes(payload);
        if (size >= 4)
        {
            BitConverter.TryWriteBytes(payload, index);
        }

        return payload;
    }

    public static bool ContainsChunk(byte[] packet, SctpChunkType type)
    {
        foreach (SctpChunk chunk in SctpPacket.Chunks(packet))
        {
            if (chunk.Type == type)
            {
                return true;
            }
        }

        return false;
    }

    public static void AssertInOrder(List<(ushort StreamId, uint Ppid, byte[] Data)> received, ushort stream, IEnumerable<byte[]> expected)
    {
        List<byte[]> actual = received.Where(m => m.StreamId == stream).Select(m => m.Data).ToList();
        List<byte[]> wanted = expected.ToList();
        Assert.Equal(wanted.Count, actual.Count);
        for (int i = 0; i < wanted.Count; i++)
        {
            Assert.True(wanted[i].AsSpan().SequenceEqual(actual[i]), $"message {i} of stream {stream} differs");
        }
    }

    public static void AssertRoundTrip(SctpTestLink link)
    {
        int a = link.HandlerA.Messages.Count;
        int b = link.HandlerB.Messages.Count;
        Assert.Equal(SctpSendStatus.Ok, link.A.Send(9, 51, "ping"u8, false, null, null));
        Assert.Equal(SctpSendStatus.Ok, link.B.Send(9, 51, "pong"u8, false, null, null));
        Assert.True(link.Run(() => link.HandlerA.Messages.Count == a + 1 && link.HandlerB.Messages.Count == b + 1, Minute));
        Assert.Equal("ping"u8.ToArray(), link.HandlerB.Messages[^1].Data);
        Assert.Equal("pong"u8.ToArray(), link.HandlerA.Messages[^1].Data);
    }

}
