using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Pion;
using LiveKit.WebRtc.Tests.Relay;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// The pion peer's data channel side, pion against pion: channel options and ids as ondatachannel reports them,
/// negotiated channels, echo, generated bulk traffic both ways with a lossy channel alongside, the same through the
/// lossy relay, pion's 65,535-byte read limit, its socket buffers, the generator against the pinned values, and the
/// bench mode. If these fail, no pion data channel test says anything about our stack.
/// </summary>
[Collection(PionDataChannelCollection.Name)]
public sealed class PionDataChannelHarnessTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(15);
    private readonly ITestOutputHelper _output;

    public PionDataChannelHarnessTests(ITestOutputHelper output)
    {
        LoopbackOnlyNetwork.EnsureLoopbackOnly();
        _output = output;
    }

    [Fact]
    public async Task The_generator_in_go_matches_the_pinned_values()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using PionPeer pion = await PionPeer.StartAsync(_output.WriteLine, timeout.Token);

        Assert.Equal(MessageGeneratorPins.BulkFirst, await pion.GenerateAsync(MessageGeneratorPins.Bulk, 5, timeout.Token));
        Assert.Equal(MessageGeneratorPins.TaggedFirst, await pion.GenerateAsync(MessageGeneratorPins.Tagged, 5, timeout.Token));
        Assert.Equal(MessageGeneratorPins.OneByteFirst, await pion.GenerateAsync(MessageGeneratorPins.OneByte, 3, timeout.Token));
        Assert.Equal(
            [(8, MessageShape.Fnv1a(MessageGeneratorPins.TinyMessageZero.ToArray()))],
            await pion.GenerateAsync(MessageGeneratorPins.Tiny, 1, timeout.Token));
    }

    [Fact]
    public async Task An_in_band_channel_reaches_the_other_pion_with_its_options_and_a_negotiated_one_opens_without_dcep()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await StartAsync("offerer", ct);
        await using PionPeer answerer = await StartAsync("answerer", ct);
        PeerChannelInfo created = await offerer.CreateDataChannelAsync(
            "chat", new PeerChannelInit { Ordered = false, MaxRetransmits = 3, Protocol = "chat-v1" }, cancellationToken: ct);
        await offerer.CreateDataChannelAsync("side", new PeerChannelInit { Negotiated = true, Id = 7, Protocol = "p" }, cancellationToken: ct);
        await answerer.CreateDataChannelAsync("side", new PeerChannelInit { Negotiated = true, Id = 7, Protocol = "p" },
            new ReceiveSpec { Echo = true, Keep = 10 }, ct);
        Assert.Null(created.Id); // assigned with the DTLS role

        PionExchange exchange = await PionSignalling.NegotiateAsync(offerer, answerer, ct);
        Assert.Contains("m=application", exchange.Offer);
        Assert.DoesNotContain("a=max-message-size", exchange.Offer); // pion 3.1.56 announces none: 64 KiB by RFC 8841 §6.1
        PeerChannelInfo received = await answerer.WaitForChannelAsync("chat", open: true, OpenTimeout, ct);
        PeerChannelInfo opened = await offerer.WaitForChannelAsync("chat", open: true, OpenTimeout, ct);

        _output.WriteLine($"offerer: {opened}; answerer: {received}");
        Assert.Equal(new PeerChannelInfo("chat", opened.Id, false, 3, null, "chat-v1", false, "open", Remote: true), received);
        Assert.NotNull(opened.Id);
        Assert.Single(answerer.RemoteChannels); // the negotiated one is not announced
        PeerChannelInfo side = await offerer.WaitForChannelAsync("side", open: true, OpenTimeout, ct);
        Assert.Equal(7, side.Id);
        Assert.True(side.Negotiated);

        await offerer.SendTextAsync("side", "ping", ct);
        await offerer.SendDataAsync("side", [1, 2, 3], ct);
        await offerer.WaitForMessagesAsync("side", 2, OpenTimeout, ct); // the echoes
        IReadOnlyList<PeerMessage> echoed = await offerer.GetMessagesAsync("side", ct);
        Assert.Equal("ping", echoed[0].Text);
        Assert.True(echoed[0].IsText);
        Assert.Equal(new byte[] { 1, 2, 3 }, echoed[1].Data);
        Assert.False(echoed[1].IsText);
    }

    [Fact]
    public async Task Generated_bulk_crosses_both_ways_in_order_beside_a_lossy_channel()
    {
        const int Count = 2000;
        using var timeout = new CancellationTokenSource(DataChannelPeers.BulkTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await StartAsync("offerer", ct);
        await using PionPeer answerer = await StartAsync("answerer", ct);
        MessageShape toAnswerer = DataChannelPeers.BulkOut(PionPeer.MaxReceivableMessageSize);
        MessageShape toOfferer = DataChannelPeers.BulkIn(PionPeer.MaxReceivableMessageSize);
        await offerer.CreateDataChannelAsync("bulk", receive: ReceiveSpec.Verify(toOfferer, Count), cancellationToken: ct);
        await offerer.CreateDataChannelAsync("lossy", DataChannelPeers.LossyInit,
            ReceiveSpec.Verify(DataChannelPeers.LossyIn, Count) with { StallsOf = "bulk" }, ct);
        await answerer.ExpectMessagesAsync("bulk", ReceiveSpec.Verify(toAnswerer, Count), ct);
        await answerer.ExpectMessagesAsync("lossy", ReceiveSpec.Verify(DataChannelPeers.LossyOut, Count) with { StallsOf = "bulk" }, ct);

        await PionSignalling.NegotiateAsync(offerer, answerer, ct);
        await Task.WhenAll(
            offerer.WaitForChannelAsync("lossy", open: true, OpenTimeout, ct),
            answerer.WaitForChannelAsync("lossy", open: true, OpenTimeout, ct));
        Task<PeerSendResult> offererSends = offerer.SendMessagesAsync(
            "bulk", toAnswerer, Count, DataChannelPeers.BulkTimeout, ("lossy", DataChannelPeers.LossyOut, Count), cancellationToken: ct);
        Task<PeerSendResult> answererSends = answerer.SendMessagesAsync(
            "bulk", toOfferer, Count, DataChannelPeers.BulkTimeout, ("lossy", DataChannelPeers.LossyIn, Count), cancellationToken: ct);
        PeerChannelReport atAnswerer = await answerer.WaitForMessagesAsync("bulk", Count, DataChannelPeers.BulkTimeout, ct);
        PeerChannelReport atOfferer = await offerer.WaitForMessagesAsync("bulk", Count, DataChannelPeers.BulkTimeout, ct);
        PeerSendResult sent = await offererSends;
        await answererSends;

        _output.WriteLine($"offerer sent {sent}");
        _output.WriteLine($"answerer: {atAnswerer}; {await answerer.GetChannelReportAsync("lossy", ct)}");
        _output.WriteLine($"offerer: {atOfferer}; {await offerer.GetChannelReportAsync("lossy", ct)}");
        Assert.True(atAnswerer.Messages!.IsCompleteAndInOrder, atAnswerer.ToString());
        Assert.True(atOfferer.Messages!.IsCompleteAndInOrder, atOfferer.ToString());
        Assert.Equal(sent.Bytes, atAnswerer.Bytes);
        foreach (PionPeer peer in new[] { offerer, answerer })
        {
            PeerChannelReport lossy = await peer.GetChannelReportAsync("lossy", ct);
            Assert.True(lossy.Messages!.IsIntactWithoutDuplicates, lossy.ToString());
            Assert.True(lossy.Received > 0);
        }
    }

    [Theory]
    [InlineData(0.05, 300, 2048)]
    [InlineData(0.2, 100, 1024)]
    public async Task Through_the_lossy_relay_the_reliable_channel_delivers_everything_in_order(double dropRate, int count, int maxSize)
    {
        using var timeout = new CancellationTokenSource(DataChannelPeers.BulkTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await StartAsync("offerer", ct);
        await using PionPeer answerer = await StartAsync("answerer", ct);
        await using LossyUdpRelay relay = LossyUdpRelay.Start(new LossyUdpRelayOptions { Seed = 5 });
        var shape = new MessageShape(0xAB, 1, maxSize);
        var lossyShape = new MessageShape(0xCD, 4, 1000, tagged: true);
        await offerer.CreateDataChannelAsync("bulk", cancellationToken: ct);
        await offerer.CreateDataChannelAsync("lossy", DataChannelPeers.LossyInit, cancellationToken: ct);
        await answerer.ExpectMessagesAsync("bulk", ReceiveSpec.Verify(shape, count), ct);
        await answerer.ExpectMessagesAsync("lossy", ReceiveSpec.Verify(lossyShape, count) with { StallsOf = "bulk" }, ct);

        await RelayedPionSignalling.NegotiateAsync(offerer, answerer, relay, ct);
        await Task.WhenAll(
            offerer.WaitForChannelAsync("lossy", open: true, OpenTimeout, ct),
            answerer.WaitForChannelAsync("lossy", open: true, OpenTimeout, ct));
        relay.DropRate = dropRate;
        relay.ReorderRate = RelayedScenario.ReorderRate;
        await offerer.SendMessagesAsync(
            "bulk", shape, count, DataChannelPeers.BulkTimeout, ("lossy", lossyShape, count), DataChannelPeers.RelayHighWater, ct);
        PeerChannelReport bulk = await answerer.WaitForMessagesAsync("bulk", count, DataChannelPeers.BulkTimeout, ct);
        PeerChannelReport lossy = await answerer.GetChannelReportAsync("lossy", ct);

        _output.WriteLine($"relay from offerer {relay.FromA}, from answerer {relay.FromB}");
        _output.WriteLine($"{bulk}\n{lossy}");
        Assert.True(bulk.Messages!.IsCompleteAndInOrder, bulk.ToString());
        Assert.True(lossy.Messages!.IsIntactWithoutDuplicates, lossy.ToString());
        Assert.True(relay.FromA.Dropped > 0);
    }

    [Fact]
    public async Task Pion_reads_65535_bytes_and_a_longer_message_ends_its_channel_with_short_buffer()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await StartAsync("offerer", ct);
        await using PionPeer answerer = await StartAsync("answerer", ct);
        await offerer.CreateDataChannelAsync("fits", cancellationToken: ct);
        await offerer.CreateDataChannelAsync("too-long", cancellationToken: ct);
        await PionSignalling.NegotiateAsync(offerer, answerer, ct);
        await offerer.WaitForChannelAsync("too-long", open: true, OpenTimeout, ct);
        await answerer.WaitForChannelAsync("too-long", open: true, OpenTimeout, ct);

        byte[] largest = new MessageShape(3, PionPeer.MaxReceivableMessageSize, PionPeer.MaxReceivableMessageSize).Create(0);
        await offerer.SendDataAsync("fits", largest, ct);
        await answerer.WaitForMessagesAsync("fits", 1, OpenTimeout, ct);
        Assert.Equal(largest, (await answerer.GetMessagesAsync("fits", ct)).Single().Data);

        await offerer.SendDataAsync("too-long", new byte[PionPeer.MaxReceivableMessageSize + 1], ct);
        PionPeerException closed = await Assert.ThrowsAsync<PionPeerException>(
            () => answerer.WaitForMessagesAsync("too-long", 1, OpenTimeout, ct));
        string error = await answerer.WaitForChannelErrorAsync("too-long", OpenTimeout, ct);

        _output.WriteLine($"{closed.Message}; error: {error}");
        Assert.Contains("closed after 0 of 1 messages", closed.Message, StringComparison.Ordinal);
        Assert.Equal("short buffer", error);
    }

    [Fact]
    public async Task The_peers_ice_sockets_get_large_buffers()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await StartAsync("offerer", ct);
        await using PionPeer answerer = await StartAsync("answerer", ct);
        await offerer.CreateDataChannelAsync("x", cancellationToken: ct);
        await PionSignalling.NegotiateAsync(offerer, answerer, ct);
        await offerer.WaitForChannelAsync("x", open: true, OpenTimeout, ct);

        PionStats stats = await offerer.GetStatsAsync(ct);

        _output.WriteLine($"SO_RCVBUF {stats.SocketReceiveBuffer}, SO_SNDBUF {stats.SocketSendBuffer}");
        Assert.True(stats.SocketReceiveBuffer >= 4 * 1024 * 1024, $"SO_RCVBUF {stats.SocketReceiveBuffer}");
        Assert.True(stats.SocketSendBuffer >= 4 * 1024 * 1024, $"SO_SNDBUF {stats.SocketSendBuffer}");
    }

    [Fact]
    public async Task Bench_mode_measures_pion_to_pion_bulk_and_small_messages()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionBench bench = await PionBench.StartAsync(_output.WriteLine, ct);

        (TimeSpan connect, long receiveBuffer, _) = await bench.ConnectDataChannelAsync(ct);
        DataChannelBenchResult bulk = await bench.BulkAsync(16 << 20, 65535, ct);
        DataChannelBenchResult small = await bench.MessagesAsync(20_000, 100, ct);

        _output.WriteLine($"connect {connect.TotalMilliseconds:0.0} ms, SO_RCVBUF {receiveBuffer}; bulk {bulk}; 100 B: {small}");
        Assert.Equal(257, bulk.Messages); // 16 MiB in 65,535-byte messages, the last one full too
        Assert.Equal(20_000, small.Messages);
        Assert.Equal(2_000_000, small.Bytes);
        Assert.True(receiveBuffer >= 4 * 1024 * 1024);
    }

    private Task<PionPeer> StartAsync(string name, CancellationToken ct) =>
        DataChannelPeers.StartPionAsync(line => _output.WriteLine($"[{name}] {line}"), ct);
}
