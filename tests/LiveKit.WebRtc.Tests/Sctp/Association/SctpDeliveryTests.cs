using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;
using static LiveKit.WebRtc.Tests.Sctp.Association.SctpAssociationAssertions;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

/// <summary>Messages through the association: order, fragmentation, loss and retransmission, partial reliability, the receive window, buffered amounts, allocations and TSN wrap-around.</summary>
public class SctpDeliveryTests
{
    [Fact]
    public void Messages_flow_both_ways_ordered_and_unordered()
    {
        using var link = new SctpTestLink();
        link.Connect();
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(SctpSendStatus.Ok, link.A.Send((ushort)(i % 3), 51, Payload(i, 1 + (i * 37)), unordered: i % 2 == 0, null, null));
            Assert.Equal(SctpSendStatus.Ok, link.B.Send((ushort)(i % 5), 53, Payload(i + 1000, 1 + (i * 11)), unordered: false, null, null));
        }

        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 50 && link.HandlerA.Messages.Count == 50, Minute));
        for (ushort stream = 0; stream < 3; stream++)
        {
            AssertInOrder(link.HandlerB.Messages, stream, Enumerable.Range(0, 50).Where(i => i % 3 == stream).Select(i => Payload(i, 1 + (i * 37))));
        }

        Assert.All(link.HandlerB.Messages, m => Assert.Equal(51u, m.Ppid));
        for (ushort stream = 0; stream < 5; stream++)
        {
            AssertInOrder(link.HandlerA.Messages, stream, Enumerable.Range(0, 50).Where(i => i % 5 == stream).Select(i => Payload(i + 1000, 1 + (i * 11))));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1151)]
    [InlineData(1152)]
    [InlineData(1153)]
    [InlineData(65536)]
    [InlineData(262144)]
    public void Messages_are_fragmented_and_reassembled(int size)
    {
        using var link = new SctpTestLink();
        link.Connect();
        byte[] message = Payload(size, size);
        Assert.Equal(SctpSendStatus.Ok, link.A.Send(7, 53, message, false, null, null));
        Assert.Equal(SctpSendStatus.Ok, link.A.Send(7, 53, message, true, null, null));
        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 2, Minute));
        Assert.All(link.HandlerB.Messages, m => Assert.Equal(message, m.Data));
        Assert.Equal(0, link.A.GetBufferedAmount(7));
    }

    [Fact]
    public void A_message_above_the_limit_is_refused_and_nothing_is_sent()
    {
        using var link = new SctpTestLink();
        link.Connect();
        Assert.Equal(SctpSendStatus.TooLarge, link.A.Send(1, 53, new byte[262145], false, null, null));
        Assert.Equal(SctpSendStatus.TooLarge, link.A.Send(1, 53, ReadOnlySpan<byte>.Empty, false, null, null));
        Assert.Equal(0, link.A.GetBufferedAmount(1));
    }

    [Fact]
    public void A_peer_exceeding_our_max_message_size_is_aborted()
    {
        using var link = new SctpTestLink(configureB: o => new SctpAssociationOptions
        {
            TimeProvider = o.TimeProvider,
            Random = o.Random,
            MaxReceiveMessageSize = 10_000,
        });
        link.Connect();
        link.A.Send(1, 53, new byte[20_000], false, null, null);
        Assert.True(link.Run(() => link.HandlerB.ClosedCount == 1 && link.HandlerA.ClosedCount == 1, Minute));
        Assert.Equal(SctpCloseReason.AbortSent, link.HandlerB.CloseReason);
        Assert.Equal(SctpCloseReason.AbortReceived, link.HandlerA.CloseReason);
        Assert.Empty(link.HandlerB.Messages);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Lost_packets_are_retransmitted_fast_and_by_timer(int seed)
    {
        using var link = new SctpTestLink(seed) { DropRate = 0.1 };
        link.Connect();
        var sent = new List<byte[]>();
        for (int i = 0; i < 300; i++)
        {
            byte[] message = Payload(i, 500 + (i * 97 % 3000));
            sent.Add(message);
            link.A.Send(1, 53, message, false, null, null);
        }

        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 300, TimeSpan.FromMinutes(5)));
        Assert.Equal(sent, link.HandlerB.Messages.Select(m => m.Data));
        SctpAssociationStats stats = link.A.GetStats();
        Assert.True(stats.Retransmissions > 0);
        Assert.True(stats.FastRetransmits > 0, "three miss indications should trigger fast retransmit");
        Assert.True(link.Run(() => link.A.GetBufferedAmount(1) == 0, Minute));
    }

    [Fact]
    public void A_lost_tail_is_recovered_by_the_retransmission_timer()
    {
        using var link = new SctpTestLink();
        link.Connect();
        int dataPackets = 0;
        link.Filter = (packet, toB) => !(toB && ContainsChunk(packet, SctpChunkType.Data) && dataPackets++ == 0);
        link.A.Send(1, 53, Payload(1, 100), false, null, null);
        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 1, Minute));
        Assert.Equal(1, link.A.GetStats().T3Timeouts);
        Assert.Equal(1, link.A.GetStats().Retransmissions);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Reordered_and_duplicated_packets_deliver_each_message_once_in_order(int seed)
    {
        using var link = new SctpTestLink(seed) { ReorderRate = 0.3, DuplicateRate = 0.2 };
        link.Connect();
        var sent = new List<byte[]>();
        for (int i = 0; i < 200; i++)
        {
            byte[] message = Payload(i, 1 + (i * 211 % 5000));
            sent.Add(message);
            link.A.Send(2, 53, message, false, null, null);
        }

        Assert.True(link.Run(() => link.HandlerB.Messages.Count >= 200 && link.A.GetBufferedAmount(2) == 0, TimeSpan.FromMinutes(5)));
        Assert.Equal(sent, link.HandlerB.Messages.Select(m => m.Data));
        Assert.True(link.B.GetStats().DuplicateTsnsReceived > 0);
    }

    [Fact]
    public void Unreliable_messages_are_abandoned_with_forward_tsn_while_a_reliable_stream_delivers_everything()
    {
        using var link = new SctpTestLink(31) { DropRate = 0.2 };
        link.Connect();
        var reliable = new List<byte[]>();
        for (int i = 0; i < 400; i++)
        {
            if (i % 2 == 0)
            {
                byte[] message = Payload(i, 200 + (i % 7 * 300));
                reliable.Add(message);
                link.A.Send(1, 53, message, false, null, null);
            }
            else
            {
                // Ordered and unordered partially reliable streams, some messages fragmented.
                link.A.Send(3, 53, Payload(i, 100 + (i % 5 * 700)), false, maxRetransmits: 0, null);
                link.A.Send(5, 53, Payload(i, 100 + (i % 3 * 900)), true, maxRetransmits: 0, null);
            }
        }

        Assert.True(link.Run(() => link.A.GetBufferedAmount(1) == 0 && link.A.GetBufferedAmount(3) == 0 && link.A.GetBufferedAmount(5) == 0, TimeSpan.FromMinutes(5)));
        link.DropRate = 0;
        link.Run(() => false, TimeSpan.FromSeconds(5));
        AssertInOrder(link.HandlerB.Messages, 1, reliable);
        SctpAssociationStats stats = link.A.GetStats();
        Assert.True(stats.MessagesAbandoned > 0);
        Assert.True(stats.ForwardTsnsSent > 0);
        Assert.True(link.B.GetStats().ForwardTsnsReceived > 0);

        // What arrived of the ordered unreliable stream is in order, never twice.
        List<byte[]> ordered = link.HandlerB.Messages.Where(m => m.StreamId == 3).Select(m => m.Data).ToList();
        Assert.True(ordered.Count < 200);
        Assert.Equal(ordered.Count, ordered.Distinct(ByteArrayComparer.Instance).Count());
        int[] indexes = ordered.Select(m => BitConverter.ToInt32(m, 0)).ToArray();
        Assert.Equal(indexes.OrderBy(i => i), indexes);

        // Both sides still work.
        AssertRoundTrip(link);
    }

    [Fact]
    public void A_forward_tsn_skipping_more_streams_than_fit_in_a_packet_is_split()
    {
        using var link = new SctpTestLink(33);
        link.Connect();

        // Open the congestion window first, so all 700 messages go out (and are lost) at once.
        for (int i = 0; i < 40; i++)
        {
            link.A.Send(1000, 53, new byte[65536], false, null, null);
        }

        Assert.True(link.Run(() => link.A.GetBufferedAmount(1000) == 0, Minute));
        Assert.True(link.A.GetStats().Cwnd > 700 * 40);
        link.Capture = true;
        link.Filter = (_, toB) => !toB;
        for (ushort stream = 0; stream < 700; stream++)
        {
            link.A.Send(stream, 53, Payload(stream, 20), false, maxRetransmits: 0, null);
        }

        // Everything is lost once, then abandoned; the FORWARD TSNs must name all 700 streams between them.
        link.Run(() => false, TimeSpan.FromSeconds(3));
        link.Filter = null;
        Assert.True(link.Run(() => link.A.GetStats().FlightSize == 0 && link.A.GetBufferedAmount(0) == 0, Minute));
        List<int> forwardTsnSizes = link.SentByA.Where(p => ContainsChunk(p, SctpChunkType.ForwardTsn)).Select(p => p.Length).ToList();
        Assert.True(forwardTsnSizes.Count >= 3);
        Assert.Contains(forwardTsnSizes, size => size > 1100);
        int before = link.HandlerB.Messages.Count;
        for (ushort stream = 0; stream < 700; stream++)
        {
            link.A.Send(stream, 53, Payload(stream + 1000, 20), false, null, null);
        }

        Assert.True(link.Run(() => link.HandlerB.Messages.Count == before + 700, Minute));
        Assert.All(link.HandlerB.Messages.Skip(before), m => Assert.Equal(Payload(m.StreamId + 1000, 20), m.Data));
    }

    [Fact]
    public void Messages_past_their_lifetime_are_abandoned()
    {
        using var link = new SctpTestLink(32);
        link.Connect();

        // Everything to B is lost for a while: the timed messages expire; the reliable one is retransmitted.
        link.Filter = (_, toB) => !toB;
        link.A.Send(1, 53, Payload(1, 3000), false, null, TimeSpan.FromMilliseconds(300));
        link.A.Send(1, 53, Payload(2, 3000), false, null, TimeSpan.FromMilliseconds(300));
        link.A.Send(2, 53, Payload(3, 100), false, null, null);
        link.Run(() => false, TimeSpan.FromSeconds(2));
        link.Filter = null;
        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 1 && link.A.GetBufferedAmount(1) == 0, Minute));
        link.Run(() => false, TimeSpan.FromSeconds(2));
        Assert.Equal(Payload(3, 100), Assert.Single(link.HandlerB.Messages).Data);
        Assert.True(link.A.GetStats().MessagesAbandoned >= 2);

        // The ordered stream goes on past the skipped messages.
        link.A.Send(1, 53, Payload(4, 10), false, null, null);
        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 2, Minute));
        Assert.Equal(Payload(4, 10), link.HandlerB.Messages[1].Data);
    }

    [Fact]
    public void A_reader_that_does_not_consume_stops_the_sender_at_its_window_then_resumes()
    {
        const int window = 128 * 1024;
        using var link = new SctpTestLink(51, configureB: o => new SctpAssociationOptions
        {
            TimeProvider = o.TimeProvider,
            Random = o.Random,
            ReceiveWindow = window,
            MaxReceiveMessageSize = 65536,
        });
        link.HandlerB.ConsumeImmediately = false;
        link.Connect();
        const int count = 100;
        for (int i = 0; i < count; i++)
        {
            link.A.Send(1, 53, Payload(i, 10_000), false, null, null);
        }

        link.Run(() => false, TimeSpan.FromSeconds(30));
        int received = link.HandlerB.Messages.Count;
        Assert.InRange(received * 10_000L, window - 20_000, window + 20_000);
        Assert.True(link.A.GetBufferedAmount(1) > 0);

        // The reader catches up: the window update lets the rest through.
        while (link.HandlerB.Messages.Count < count)
        {
            link.HandlerB.ConsumeAll();
            Assert.True(link.Run(() => link.HandlerB.Messages.Count > received || link.HandlerB.Messages.Count == count, Minute));
            received = link.HandlerB.Messages.Count;
        }

        AssertInOrder(link.HandlerB.Messages, 1, Enumerable.Range(0, count).Select(i => Payload(i, 10_000)));
    }

    [Fact]
    public void Buffered_amount_counts_unacknowledged_bytes_and_reports_decreases()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.A.Send(3, 53, new byte[50_000], false, null, null);
        Assert.Equal(50_000, link.A.GetBufferedAmount(3));
        Assert.True(link.Run(() => link.A.GetBufferedAmount(3) == 0, Minute));
        Assert.True(link.HandlerA.BufferedDecreasedCount > 0);
        Assert.Equal(0, link.HandlerA.LastBufferedAmount[3]);
    }

    [Theory]
    [InlineData(81)]
    [InlineData(82)]
    public void Ten_thousand_random_messages_arrive_exactly_once_in_order_over_a_lossy_reordering_link(int seed)
    {
        // 5% loss for the first half, 20% for the second, reordering throughout.
        using var link = new SctpTestLink(seed) { DropRate = 0.05, ReorderRate = 0.1 };
        link.Connect();
        var random = new Random(seed);
        var sent = new List<byte[]>();
        var unorderedSent = new List<byte[]>();
        int next = 0;
        while (next < 10_000 || link.HandlerB.Messages.Count < 10_000)
        {
            // Keep a few hundred kilobytes queued at a time, as an application watching bufferedAmount would.
            while (next < 10_000 && link.A.GetBufferedAmount(1) + link.A.GetBufferedAmount(2) < 512 * 1024)
            {
                link.DropRate = next < 5_000 ? 0.05 : 0.20;
                int size = random.Next(4) == 0 ? random.Next(1, 65537) : random.Next(1, 2000);
                bool unordered = next % 10 == 0;
                if (unordered && size < 4)
                {
                    size = 4;
                }

                byte[] message = Payload(next, size);
                (unordered ? unorderedSent : sent).Add(message);
                Assert.Equal(SctpSendStatus.Ok, link.A.Send(unordered ? (ushort)2 : (ushort)1, 53, message, unordered, null, null));
                next++;
            }

            Assert.True(link.Run(
                () => next < 10_000 ? link.A.GetBufferedAmount(1) + link.A.GetBufferedAmount(2) < 256 * 1024 : link.HandlerB.Messages.Count == 10_000,
                TimeSpan.FromMinutes(30)));
        }

        AssertInOrder(link.HandlerB.Messages, 1, sent);
        List<byte[]> unorderedReceived = link.HandlerB.Messages.Where(m => m.StreamId == 2).Select(m => m.Data).ToList();
        Assert.Equal(unorderedSent.Count, unorderedReceived.Count);
        Assert.Equal(
            unorderedSent.Select(m => BitConverter.ToInt32(m, 0)).Order(),
            unorderedReceived.Select(m => BitConverter.ToInt32(m, 0)).Order());
    }

    [Fact]
    public void Steady_state_allocates_only_the_delivered_messages()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.HandlerB.Messages.Capacity = 10_000;
        byte[] message = new byte[100];
        void SendAndDeliver()
        {
            for (int batch = 0; batch < 20; batch++)
            {
                for (int i = 0; i < 100; i++)
                {
                    link.A.Send(1, 53, message, false, null, null);
                }

                link.Pump();
            }

            Assert.True(link.Run(() => link.A.GetBufferedAmount(1) == 0, Minute));
        }

        SendAndDeliver();
        link.AllocatedInA = 0;
        link.AllocatedInB = 0;
        SendAndDeliver();

        // 2000 arrays of 100 bytes (128 bytes each with header and alignment) and nothing per packet.
        Assert.Equal(4000, link.HandlerB.Messages.Count);
        Assert.InRange(link.AllocatedInB, 2000 * 128, (2000 * 128) + 4096);
        Assert.InRange(link.AllocatedInA, 0, 4096);
    }

    [Fact]
    public void Reassembling_large_messages_allocates_only_the_messages()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.HandlerB.Messages.Capacity = 1000;
        byte[] message = new byte[65536];
        void SendAndDeliver()
        {
            for (int i = 0; i < 100; i++)
            {
                link.A.Send(1, 53, message, false, null, null);
                link.Pump();
            }

            Assert.True(link.Run(() => link.A.GetBufferedAmount(1) == 0, Minute));
        }

        SendAndDeliver();
        link.AllocatedInB = 0;
        SendAndDeliver();

        // 100 messages of 64 KiB (65,560 bytes each with the array header), and nothing per fragment.
        Assert.Equal(200, link.HandlerB.Messages.Count);
        Assert.InRange(link.AllocatedInB, 100 * 65_560, (100 * 65_560) + 8192);
    }

    [Fact]
    public void Tsns_wrap_around_without_a_hitch()
    {
        // Both initial TSNs a few hundred short of 2^32; lossy, so retransmissions and gap blocks straddle the wrap.
        using var link = new SctpTestLink(
            91,
            o => new SctpAssociationOptions { TimeProvider = o.TimeProvider, Random = new TsnNearWrapRandom(1), MaxSendMessageSize = 262144 },
            o => new SctpAssociationOptions { TimeProvider = o.TimeProvider, Random = new TsnNearWrapRandom(2), MaxSendMessageSize = 262144 });
        link.Capture = true;
        link.Connect();
        foreach (SctpChunk chunk in SctpPacket.Chunks(link.SentByA[0]))
        {
            Assert.True(SctpInitChunk.TryParse(chunk, out SctpInitChunk init));
            Assert.Equal(uint.MaxValue - 300, init.InitialTsn);
        }

        link.Capture = false;
        link.DropRate = 0.1;
        var sent = new List<byte[]>();
        for (int i = 0; i < 500; i++)
        {
            byte[] message = Payload(i, 1 + (i * 61 % 4000));
            sent.Add(message);
            link.A.Send(1, 53, message, false, null, null);
            link.B.Send(1, 53, message, i % 2 == 0, null, null);
        }

        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 500 && link.HandlerA.Messages.Count == 500, TimeSpan.FromMinutes(10)));
        AssertInOrder(link.HandlerB.Messages, 1, sent);
        Assert.True(link.A.GetStats().DataChunksSent > 700);
    }

    // A seeded generator whose second 32-bit draw (the initial TSN, after the verification tag) is 300 short of 2^32.
    private sealed class TsnNearWrapRandom(int seed) : Random(seed)
    {
        private int _words;

        public override void NextBytes(Span<byte> buffer)
        {
            base.NextBytes(buffer);
            if (buffer.Length == 4 && ++_words == 2)
            {
                BitConverter.TryWriteBytes(buffer, uint.MaxValue - 300);
            }
        }
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj.Length, obj[0], obj[^1]);
    }
}
