using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.WebRtc;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// Our data channels against Chromium 156, data only, in both DTLS roles of ours: a channel the page opens, one we
/// open, a negotiated one, 10,000 messages both ways with a lossy channel alongside (about a minute per role: the page is
/// the bottleneck, see <see cref="DataChannelPeers.ChromiumBulkCount"/>), and a 262,144-byte message each way.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumDataChannelTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
    private readonly ChromiumBrowser _browser;
    private readonly ITestOutputHelper _output;

    public ChromiumDataChannelTests(ChromiumBrowser browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    [Theory]
    [MemberData(nameof(DataChannelPeers.OfferDirections), MemberType = typeof(DataChannelPeers))]
    public Task A_channel_the_page_opens_arrives_with_its_options_and_carries_messages(bool weOffer) =>
        RunAsync(TestTimeout, (ours, peer, ct) => DataChannelScenarios.PeerOpensAsync(ours, peer, weOffer, _output.WriteLine, ct));

    [Theory]
    [MemberData(nameof(DataChannelPeers.OfferDirections), MemberType = typeof(DataChannelPeers))]
    public Task A_channel_we_open_reaches_the_page_with_its_options_and_carries_messages(bool weOffer) =>
        RunAsync(TestTimeout, (ours, peer, ct) => DataChannelScenarios.WeOpenAsync(ours, peer, weOffer, _output.WriteLine, ct));

    [Theory]
    [MemberData(nameof(DataChannelPeers.OfferDirections), MemberType = typeof(DataChannelPeers))]
    public Task A_negotiated_channel_opens_on_both_sides_with_the_same_id_without_dcep(bool weOffer) =>
        RunAsync(TestTimeout, (ours, peer, ct) => DataChannelScenarios.NegotiatedAsync(ours, peer, weOffer, _output.WriteLine, ct));

    [Theory]
    [MemberData(nameof(DataChannelPeers.OfferDirections), MemberType = typeof(DataChannelPeers))]
    public Task Ten_thousand_messages_cross_each_way_in_order_beside_a_lossy_channel(bool weOffer) =>
        RunAsync(DataChannelPeers.BulkTimeout, (ours, peer, ct) =>
            DataChannelScenarios.BulkAsync(ours, peer, weOffer, DataChannelPeers.ChromiumBulkCount, _output.WriteLine, ct));

    [Fact]
    public Task A_262144_byte_message_crosses_each_way() =>
        RunAsync(TestTimeout, (ours, peer, ct) =>
            DataChannelScenarios.LargestMessageAsync(ours, peer, weOffer: true, 262144, _output.WriteLine, ct));

    private async Task RunAsync(TimeSpan limit, Func<PeerConnection, IDataChannelPeer, CancellationToken, Task> scenario)
    {
        using var timeout = new CancellationTokenSource(limit);
        await using ChromiumPeer page = await _browser.CreatePeerAsync("page", cancellationToken: timeout.Token);
        await using var ours = new PeerConnection(DataChannelScenarios.Options());
        await scenario(ours, new ChromiumDataChannelPeer(page), timeout.Token);
    }
}
