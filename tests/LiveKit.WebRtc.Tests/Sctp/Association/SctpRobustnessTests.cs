using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;
using static LiveKit.WebRtc.Tests.Sctp.Association.SctpAssociationAssertions;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

/// <summary>Bad input from the wire: checksums, tags, forged and stale cookies, mutated packets.</summary>
public class SctpRobustnessTests
{
    [Fact]
    public void Packets_with_a_bad_checksum_or_wrong_tag_are_dropped_and_counted()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.Capture = true;
        link.A.Send(1, 53, Payload(1, 100), false, null, null);
        byte[] data = link.SentByA.Last();
        link.Clear();

        byte[] badChecksum = (byte[])data.Clone();
        badChecksum[^1] ^= 0x55;
        link.B.HandlePacket(badChecksum);
        Assert.Equal(1, link.B.GetStats().Dropped[SctpDropReason.BadChecksum]);

        byte[] wrongTag = (byte[])data.Clone();
        wrongTag[4] ^= 0x01;
        SctpPacket.WriteChecksum(wrongTag);
        link.B.HandlePacket(wrongTag);
        Assert.Equal(1, link.B.GetStats().Dropped[SctpDropReason.BadVerificationTag]);

        link.B.HandlePacket(new byte[5]);
        Assert.Equal(1, link.B.GetStats().Dropped[SctpDropReason.Malformed]);
        Assert.Empty(link.HandlerB.Messages);

        link.B.HandlePacket(data);
        Assert.Single(link.HandlerB.Messages);
    }

    [Fact]
    public void Forged_and_stale_cookies_are_dropped_and_a_replayed_one_changes_nothing()
    {
        using var link = new SctpTestLink();
        link.Capture = true;
        link.A.Start();
        link.Run(() => link.HandlerA.EstablishedCount == 1 && link.HandlerB.EstablishedCount == 1, Minute);
        byte[] cookieEcho = link.SentByA.First(p => ContainsChunk(p, SctpChunkType.CookieEcho));

        // Replayed to the association it built: answered again (§5.2.4 D), nothing new happens.
        link.B.HandlePacket(cookieEcho);
        Assert.Equal(1, link.HandlerB.EstablishedCount);

        // The same COOKIE ECHO to another association: not its key, so forged.
        using var other = new SctpTestLink(99);
        other.B.HandlePacket(cookieEcho);
        Assert.Equal(1, other.B.GetStats().Dropped[SctpDropReason.ForgedCookie]);
        Assert.Equal(0, other.HandlerB.EstablishedCount);

        // A tampered cookie.
        byte[] tampered = (byte[])cookieEcho.Clone();
        tampered[SctpCommonHeader.Size + SctpChunk.HeaderSize + 20] ^= 1;
        SctpPacket.WriteChecksum(tampered);
        link.B.HandlePacket(tampered);
        Assert.Equal(1, link.B.GetStats().Dropped[SctpDropReason.ForgedCookie]);

        // A genuine cookie that comes back after its lifetime.
        using var late = new SctpTestLink(98);
        late.Capture = true;
        late.Filter = (packet, toB) => !ContainsChunk(packet, SctpChunkType.CookieEcho);
        late.A.Start();
        late.Pump();
        byte[] lateEcho = late.SentByA.Last(p => ContainsChunk(p, SctpChunkType.CookieEcho));
        late.Time.Advance(TimeSpan.FromSeconds(61));
        late.Filter = null;
        late.Clear();
        late.B.HandlePacket(lateEcho);
        Assert.Equal(1, late.B.GetStats().Dropped[SctpDropReason.StaleCookie]);
        Assert.Equal(0, late.HandlerB.EstablishedCount);

        // The Stale Cookie error sends A back to a fresh INIT (§5.2.6), and the handshake completes.
        Assert.True(late.Run(() => late.HandlerA.EstablishedCount == 1 && late.HandlerB.EstablishedCount == 1, Minute));
        AssertRoundTrip(late);
    }

    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    public void Mutated_packets_never_throw(int seed)
    {
        using var link = new SctpTestLink(seed);
        link.Capture = true;
        link.Connect();
        for (int i = 0; i < 20; i++)
        {
            link.A.Send((ushort)i, 53, Payload(i, 1 + (i * 300)), i % 2 == 0, i % 3 == 0 ? 0 : null, null);
            link.B.Send((ushort)i, 53, Payload(i, 1 + (i * 200)), false, null, null);
        }

        link.A.ResetOutgoingStreams(new ushort[] { 1 });
        link.Run(() => link.HandlerB.Messages.Count == 20, Minute);
        var random = new Random(seed);
        List<byte[]> corpus = link.SentByA.Concat(link.SentByB).ToList();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] packet = (byte[])corpus[random.Next(corpus.Count)].Clone();
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                packet[random.Next(SctpCommonHeader.Size, packet.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                Array.Resize(ref packet, random.Next(SctpCommonHeader.Size, packet.Length + 1));
            }

            SctpPacket.WriteChecksum(packet);
            (random.Next(2) == 0 ? link.A : link.B).HandlePacket(packet);
            link.Clear();
        }

        Assert.True(link.A.GetStats().Dropped.Values.Sum() + link.B.GetStats().Dropped.Values.Sum() > 0);
    }
}
