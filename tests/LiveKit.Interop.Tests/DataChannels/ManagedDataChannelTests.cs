using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// The bulk scenarios between two connections of our own stack (the same code that runs against pion and Chromium):
/// 10,000 messages each way beside a lossy channel, and a 262,144-byte message each way.
/// </summary>
[Collection(PionDataChannelCollection.Name)]
public sealed class ManagedDataChannelTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
    private readonly ITestOutputHelper _output;

    public ManagedDataChannelTests(ITestOutputHelper output)
    {
        LoopbackOnlyNetwork.EnsureLoopbackOnly();
        _output = output;
    }

    [Fact]
    public Task Ten_thousand_messages_cross_each_way_in_order_beside_a_lossy_channel() =>
        RunAsync(DataChannelPeers.BulkTimeout, (ours, peer, ct) =>
            DataChannelScenarios.BulkAsync(ours, peer, weOffer: true, DataChannelPeers.BulkCount, _output.WriteLine, ct));

    [Fact]
    public Task A_262144_byte_message_crosses_each_way() =>
        RunAsync(TestTimeout, (ours, peer, ct) =>
            DataChannelScenarios.LargestMessageAsync(ours, peer, weOffer: true, 262144, _output.WriteLine, ct));

    private static async Task RunAsync(TimeSpan limit, Func<PeerConnection, IDataChannelPeer, CancellationToken, Task> scenario)
    {
        using var timeout = new CancellationTokenSource(limit);
        await using var ours = new PeerConnection(DataChannelScenarios.Options());
        await using var theirs = new PeerConnection(DataChannelScenarios.Options());
        await scenario(ours, new ManagedDataChannelPeer(theirs), timeout.Token);
    }
}
