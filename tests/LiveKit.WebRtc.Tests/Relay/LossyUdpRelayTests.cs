using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>The relay over plain UDP sockets: forwarding, seeded drops and holds, learned addresses, candidate rewriting.</summary>
public sealed class LossyUdpRelayTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Datagrams_cross_both_ways_unchanged_and_seem_to_come_from_the_relay()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using Socket a = Bind();
        using Socket b = Bind();
        await using LossyUdpRelay relay = LossyUdpRelay.Start();
        relay.PeerB = (IPEndPoint)b.LocalEndPoint!;

        for (int i = 0; i < 50; i++)
        {
            a.SendTo(Datagram(i, 100 + i), relay.SideA);
        }

        for (int i = 0; i < 50; i++)
        {
            (byte[] data, IPEndPoint from) = await ReceiveAsync(b, timeout.Token);
            Assert.Equal(Datagram(i, 100 + i), data);
            Assert.Equal(relay.SideB, from);
        }

        // A's address was learned from its first datagram.
        Assert.Equal(a.LocalEndPoint, relay.PeerA);
        b.SendTo(Datagram(7, 1200), relay.SideB);
        (byte[] back, IPEndPoint backFrom) = await ReceiveAsync(a, timeout.Token);
        Assert.Equal(Datagram(7, 1200), back);
        Assert.Equal(relay.SideA, backFrom);

        Assert.Equal(new RelayCounters(50, 50, 0, 0, 0), relay.FromA);
        Assert.Equal(new RelayCounters(1, 1, 0, 0, 0), relay.FromB);
    }

    [Theory]
    [InlineData(7, 0.05, 0.0)]
    [InlineData(7, 0.2, 0.0)]
    [InlineData(11, 0.2, 0.1)]
    public async Task Drops_and_holds_follow_the_seed_datagram_by_datagram(int seed, double dropRate, double reorderRate)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using Socket a = Bind();
        using Socket b = Bind();
        await using LossyUdpRelay relay = LossyUdpRelay.Start(new LossyUdpRelayOptions
        {
            Seed = seed,
            DropRate = dropRate,
            ReorderRate = reorderRate,
            MaxHold = Timeout.InfiniteTimeSpan,
        });
        relay.PeerB = (IPEndPoint)b.LocalEndPoint!;
        (int sent, List<int> expected, int dropped, int reordered) = Simulate(seed, dropRate, reorderRate, atLeast: 1000);

        for (int i = 0; i < sent; i++)
        {
            a.SendTo(Datagram(i, 64), relay.SideA);
        }

        var received = new List<int>();
        for (int i = 0; i < expected.Count; i++)
        {
            (byte[] data, _) = await ReceiveAsync(b, timeout.Token);
            received.Add(BinaryPrimitives.ReadInt32LittleEndian(data));
        }

        Assert.Equal(expected, received);
        Assert.Equal(new RelayCounters(sent, expected.Count, dropped, reordered, 0), relay.FromA);
        Assert.InRange(dropped, (int)(sent * dropRate * 0.5), (int)(sent * dropRate * 1.5) + 1);
    }

    [Fact]
    public async Task A_held_datagram_goes_after_the_next_one()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using Socket a = Bind();
        using Socket b = Bind();
        await using LossyUdpRelay relay = LossyUdpRelay.Start(new LossyUdpRelayOptions { ReorderRate = 1, MaxHold = Timeout.InfiniteTimeSpan });
        relay.PeerB = (IPEndPoint)b.LocalEndPoint!;

        for (int i = 0; i < 10; i++)
        {
            a.SendTo(Datagram(i, 20), relay.SideA);
        }

        var order = new List<int>();
        for (int i = 0; i < 10; i++)
        {
            order.Add(BinaryPrimitives.ReadInt32LittleEndian((await ReceiveAsync(b, timeout.Token)).Data));
        }

        Assert.Equal(new[] { 1, 0, 3, 2, 5, 4, 7, 6, 9, 8 }, order);
        Assert.Equal(5, relay.FromA.Reordered);
    }

    [Fact]
    public async Task A_held_datagram_with_nothing_after_it_still_goes_after_the_hold_time()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using Socket a = Bind();
        using Socket b = Bind();
        await using LossyUdpRelay relay = LossyUdpRelay.Start(new LossyUdpRelayOptions { ReorderRate = 1, MaxHold = TimeSpan.FromMilliseconds(5) });
        relay.PeerB = (IPEndPoint)b.LocalEndPoint!;

        a.SendTo(Datagram(3, 30), relay.SideA);

        Assert.Equal(Datagram(3, 30), (await ReceiveAsync(b, timeout.Token)).Data);
        Assert.Equal(new RelayCounters(1, 1, 0, 0, 0), relay.FromA);
    }

    [Fact]
    public async Task A_datagram_for_a_side_not_known_yet_is_dropped_as_unroutable()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using Socket a = Bind();
        using Socket b = Bind();
        await using LossyUdpRelay relay = LossyUdpRelay.Start();
        relay.PeerA = (IPEndPoint)a.LocalEndPoint!;

        a.SendTo(Datagram(1, 10), relay.SideA); // B unknown: nowhere to go
        await relay.WaitForDatagramFromAAsync(timeout.Token); // the two sides run apart: let A's go first
        b.SendTo(Datagram(2, 10), relay.SideB); // B learned
        Assert.Equal(Datagram(2, 10), (await ReceiveAsync(a, timeout.Token)).Data);
        a.SendTo(Datagram(3, 10), relay.SideA);

        // The first datagram B sees is the third: the first was processed, and dropped, before it.
        Assert.Equal(Datagram(3, 10), (await ReceiveAsync(b, timeout.Token)).Data);
        Assert.Equal(new RelayCounters(2, 1, 0, 0, 1), relay.FromA);
        Assert.Equal(b.LocalEndPoint, relay.PeerB);
    }

    [Fact]
    public async Task Candidates_are_rewritten_to_the_relay_side_the_other_peer_sends_to()
    {
        await using LossyUdpRelay relay = LossyUdpRelay.Start();

        string? forA = relay.RouteCandidateFromB("candidate:842163049 1 udp 2122260223 127.0.0.1 50000 typ host generation 0 ufrag x");
        string? forB = relay.RouteCandidateFromA("candidate:1 1 UDP 2130706431 127.0.0.1 40000 typ host");
        relay.RouteCandidateFromA("candidate:2 1 udp 2130706431 127.0.0.1 40001 typ host");

        Assert.Equal($"candidate:842163049 1 udp 2122260223 127.0.0.1 {relay.SideA.Port} typ host generation 0 ufrag x", forA);
        Assert.Equal($"candidate:1 1 UDP 2130706431 127.0.0.1 {relay.SideB.Port} typ host", forB);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 50000), relay.PeerB);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40000), relay.PeerA); // the first one stays
        Assert.Null(relay.RouteCandidateFromB("candidate:3 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active"));
        Assert.Equal("", relay.RouteCandidateFromB(""));
    }

    [Fact]
    public async Task Candidates_inside_a_description_are_rewritten_and_tcp_ones_removed()
    {
        await using LossyUdpRelay relay = LossyUdpRelay.Start();
        string sdp = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n" +
            "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\n" +
            "a=candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active\r\na=mid:0\r\n";

        string routed = relay.RouteSdpFromA(sdp);

        Assert.Equal("v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n" +
            $"a=candidate:1 1 udp 2130706431 127.0.0.1 {relay.SideB.Port} typ host\r\na=mid:0\r\n", routed);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40000), relay.PeerA);
    }

    [Fact]
    public async Task Rates_outside_zero_to_one_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LossyUdpRelay.Start(new LossyUdpRelayOptions { DropRate = 1.5 }));
        await using LossyUdpRelay relay = LossyUdpRelay.Start();
        Assert.Throws<ArgumentOutOfRangeException>(() => relay.ReorderRate = -0.1);
    }

    /// <summary>
    /// What the relay does with datagrams 0, 1, 2... of one direction (two draws each, as documented): how many to send
    /// (at least <paramref name="atLeast"/>, more until none is held at the end), the order they arrive in, and the counts.
    /// </summary>
    private static (int Sent, List<int> Arrived, int Dropped, int Reordered) Simulate(int seed, double dropRate, double reorderRate, int atLeast)
    {
        var random = new Random(seed);
        var arrived = new List<int>();
        int? held = null;
        int dropped = 0;
        int reordered = 0;
        int n = 0;
        while (n < atLeast || held is not null)
        {
            bool drop = random.NextDouble() < dropRate;
            bool hold = random.NextDouble() < reorderRate;
            if (drop)
            {
                dropped++;
            }
            else if (held is int h)
            {
                arrived.Add(n);
                arrived.Add(h);
                reordered++;
                held = null;
            }
            else if (hold)
            {
                held = n;
            }
            else
            {
                arrived.Add(n);
            }

            n++;
        }

        return (n, arrived, dropped, reordered);
    }

    private static byte[] Datagram(int number, int size)
    {
        byte[] data = new byte[size];
        BinaryPrimitives.WriteInt32LittleEndian(data, number);
        for (int i = 4; i < size; i++)
        {
            data[i] = (byte)(number + i);
        }

        return data;
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = 4 * 1024 * 1024,
            SendBufferSize = 4 * 1024 * 1024,
        };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static async Task<(byte[] Data, IPEndPoint From)> ReceiveAsync(Socket socket, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[65535];
        SocketReceiveFromResult result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
        return (buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
    }
}
