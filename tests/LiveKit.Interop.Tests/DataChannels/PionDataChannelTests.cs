using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Pion;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Tests.Relay;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// Our data channels against pion 3.1.56 (the LiveKit server's stack), data only, in both DTLS roles of ours: a channel
/// pion opens, one we open, a negotiated one, bulk both ways with a lossy channel alongside, pion's message size limit,
/// and loss and reordering through <see cref="LossyUdpRelay"/>.
/// </summary>
[Collection(PionDataChannelCollection.Name)]
public sealed class PionDataChannelTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
    private readonly ITestOutputHelper _output;

    public PionDataChannelTests(ITestOutputHelper output)
    {
        LoopbackOnlyNetwork.EnsureLoopbackOnly();
        _output = output;
    }

    [Theory]
    [MemberData(nameof(DataChannelPeers.OfferDirections), MemberType = typeof(DataChannelPeers))]
    public Task A_channel_pion_opens_arrives_with_its_options_and_carries_messages(bool weOffer) =>
        RunAsync(TestTimeout, (ours, peer, ct) => DataChannelScenarios.PeerOpensAsync(ours, peer, weOffer, _output.WriteLine, ct));

    [Theory]
    [MemberData(nameof(DataChannelPeers.OfferDirections), MemberType = typeof(DataChannelPeers))]
    public Task A_channel_we_open_reaches_pion_with_its_options_and_carries_messages(bool weOffer) =>
        RunAsync(TestTimeout, (ours, peer, ct) => DataChannelScenarios.WeOpenAsync(ours, peer, weOffer, _output.WriteLine, ct));

    [Theory]
    [MemberData(nameof(DataChannelPeers.OfferDirections), MemberType = typeof(DataChannelPeers))]
    public Task A_negotiated_channel_opens_on_both_sides_with_the_same_id_without_dcep(bool weOffer) =>
        RunAsync(TestTimeout, (ours, peer, ct) => DataChannelScenarios.NegotiatedAsync(ours, peer, weOffer, _output.WriteLine, ct));

    [Theory]
    [MemberData(nameof(DataChannelPeers.OfferDirections), MemberType = typeof(DataChannelPeers))]
    public Task Ten_thousand_messages_cross_each_way_in_order_beside_a_lossy_channel(bool weOffer) =>
        RunAsync(DataChannelPeers.BulkTimeout, (ours, peer, ct) =>
            DataChannelScenarios.BulkAsync(ours, peer, weOffer, DataChannelPeers.BulkCount, _output.WriteLine, ct));

    /// <summary>
    /// pion 3.1.56 announces no a=max-message-size, so by RFC 8841 §6.1 it takes 65,536 bytes, and its read buffer holds
    /// 65,535 (a 65,536-byte message ends its channel: see PionDataChannelHarnessTests). A 65,535-byte message crosses
    /// each way intact; one of 65,537 bytes, above what pion announced, is refused by our send.
    /// </summary>
    [Fact]
    public Task The_largest_message_pion_reads_crosses_each_way_and_a_larger_one_is_refused_by_our_send() =>
        RunAsync(TestTimeout, async (ours, peer, ct) =>
        {
            await DataChannelScenarios.LargestMessageAsync(ours, peer, weOffer: true, PionPeer.MaxReceivableMessageSize, _output.WriteLine, ct);
            Assert.DoesNotContain("a=max-message-size", ours.RemoteDescription ?? "");
            DataChannel big = ours.CreateDataChannel("bigger");
            await big.WaitForOpenAsync(ct);
            await Assert.ThrowsAsync<ArgumentException>(async () => await big.SendAsync(new byte[65537], ct));
        });

    /// <summary>
    /// 5% loss: both ways, 1,000 reliable messages beside 1,000 lossy ones, with the stall measure asserted. 20% loss:
    /// 100 small messages (pion's 1 s minimum retransmission timeout, doubled at each loss, makes it slow), the stall
    /// measure logged only (see <see cref="RelayedScenario.RunAsync"/>).
    /// </summary>
    [Theory]
    [InlineData(0.05, 1000, 4096, true)]
    [InlineData(0.2, 100, 1024, false)]
    public async Task Through_a_lossy_relay_the_reliable_channel_delivers_everything_once_in_order_and_the_lossy_one_never_holds_it_back(
        double dropRate, int count, int maxSize, bool assertStalls)
    {
        using var timeout = new CancellationTokenSource(DataChannelPeers.BulkTimeout);
        CancellationToken ct = timeout.Token;
        await using LossyUdpRelay relay = LossyUdpRelay.Start(new LossyUdpRelayOptions { Seed = 21 });
        await using PionPeer pion = await DataChannelPeers.StartPionAsync(_output.WriteLine, ct);
        await using var ours = new PeerConnection(DataChannelScenarios.Options());
        var peer = new PionDataChannelPeer(pion, relay);
        await RelayedScenario.RunAsync(ours, peer, relay, dropRate, count, maxSize, assertStalls, _output.WriteLine, ct);
    }

    private async Task RunAsync(TimeSpan limit, Func<PeerConnection, IDataChannelPeer, CancellationToken, Task> scenario)
    {
        using var timeout = new CancellationTokenSource(limit);
        await using PionPeer pion = await DataChannelPeers.StartPionAsync(_output.WriteLine, timeout.Token);
        await using var ours = new PeerConnection(DataChannelScenarios.Options());
        await scenario(ours, new PionDataChannelPeer(pion), timeout.Token);
    }
}
