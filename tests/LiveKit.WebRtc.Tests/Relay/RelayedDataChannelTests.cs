using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// Two of our connections through the seeded <see cref="LossyUdpRelay"/>, 5% then 20% of the datagrams dropped and 5%
/// reordered once the channels are open, a reliable ordered channel and an unordered one without retransmissions carrying
/// traffic both ways at once: the reliable channel delivers every message exactly once and in order; the lossy channel's
/// messages arrive intact and once; and the lossy channel is never held back behind the reliable one's retransmissions
/// (<see cref="StallMeasure"/>: over both receivers, the reliable channels' stalls had lossy arrivals in them).
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class RelayedDataChannelTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The buffered amount each sender keeps under, so that both channels' messages spread over the run.</summary>
    private const long MaxBuffered = 32 * 1024;

    private readonly ITestOutputHelper _output;

    public RelayedDataChannelTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData(0.05, 500, 8192)]
    [InlineData(0.2, 200, 2048)]
    public async Task The_reliable_channel_delivers_everything_once_in_order_and_the_lossy_one_never_holds_it_back(
        double dropRate, int count, int maxSize)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using LossyUdpRelay relay = LossyUdpRelay.Start(new LossyUdpRelayOptions { Seed = 17 });
        await using var pair = new RelayedPeerConnections(relay);
        var shapeAToB = new MessageShape(0xA2B, 1, maxSize);
        var shapeBToA = new MessageShape(0xB2A, 1, maxSize);
        var lossyAToB = new MessageShape(0xA2B0, 4, 1000, tagged: true);
        var lossyBToA = new MessageShape(0xB2A0, 4, 1000, tagged: true);
        var clockA = Stopwatch.StartNew();
        var clockB = Stopwatch.StartNew();
        DataChannel bulkA = pair.Offerer.CreateDataChannel("bulk");
        DataChannel lossyA = pair.Offerer.CreateDataChannel("lossy", new DataChannelInit { Ordered = false, MaxRetransmits = 0 });
        var bulkB = new TaskCompletionSource<ChannelReceiver>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lossyB = new TaskCompletionSource<ChannelReceiver>(TaskCreationOptions.RunContinuationsAsynchronously);
        var channelsB = new TaskCompletionSource<(DataChannel Bulk, DataChannel Lossy)>(TaskCreationOptions.RunContinuationsAsynchronously);
        DataChannel? receivedBulk = null;
        pair.Answerer.DataChannelReceived += channel =>
        {
            // Start reading at once: what arrives before is queued in the channel.
            if (channel.Label == "bulk")
            {
                receivedBulk = channel;
                bulkB.TrySetResult(ChannelReceiver.Start(channel, shapeAToB, count, clockB, stopWhenComplete: true, ct));
            }
            else if (channel.Label == "lossy")
            {
                lossyB.TrySetResult(ChannelReceiver.Start(channel, lossyAToB, count, clockB, stopWhenComplete: true, ct));
                channelsB.TrySetResult((receivedBulk!, channel));
            }
        };
        ChannelReceiver bulkInA = ChannelReceiver.Start(bulkA, shapeBToA, count, clockA, stopWhenComplete: true, ct);
        ChannelReceiver lossyInA = ChannelReceiver.Start(lossyA, lossyBToA, count, clockA, stopWhenComplete: true, ct);

        await pair.ConnectAsync(ct);
        await Task.WhenAll(bulkA.WaitForOpenAsync(ct), lossyA.WaitForOpenAsync(ct));
        (DataChannel bulkAtB, DataChannel lossyAtB) = await channelsB.Task.WaitAsync(ct);
        ChannelReceiver bulkInB = await bulkB.Task;
        ChannelReceiver lossyInB = await lossyB.Task;
        relay.DropRate = dropRate;
        relay.ReorderRate = 0.05;
        var progressA = new SendProgress();
        var progressB = new SendProgress();
        Task sendsA = DataChannelTraffic.SendInterleavedAsync(bulkA, shapeAToB, count, lossyA, lossyAToB, count, ct, MaxBuffered, progressA);
        Task sendsB = DataChannelTraffic.SendInterleavedAsync(bulkAtB, shapeBToA, count, lossyAtB, lossyBToA, count, ct, MaxBuffered, progressB);
        try
        {
            await Task.WhenAll(bulkInA.Completion, bulkInB.Completion, sendsA, sendsB).WaitAsync(ct);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException(
                $"stuck: A {progressA}, B {progressB}; at A {bulkInA.Verifier}, at B {bulkInB.Verifier}; relay {relay.FromA} / {relay.FromB}; " +
                $"A {pair.Offerer.GetStats()}; B {pair.Answerer.GetStats()}", e);
        }

        RelayCounters fromA = relay.FromA;
        RelayCounters fromB = relay.FromB;
        relay.DropRate = 0;
        relay.ReorderRate = 0;
        await lossyA.CloseAsync().AsTask().WaitAsync(ct);
        await Task.WhenAll(lossyInA.Completion, lossyInB.Completion).WaitAsync(ct);

        (int stallsA, int duringA) = StallMeasure.Count(bulkInA.Arrivals, lossyInA.Arrivals, StallMeasure.DefaultThreshold);
        (int stallsB, int duringB) = StallMeasure.Count(bulkInB.Arrivals, lossyInB.Arrivals, StallMeasure.DefaultThreshold);
        _output.WriteLine($"relay: from A {fromA}, from B {fromB}");
        _output.WriteLine($"at A: {bulkInA.Verifier}; lossy {lossyInA.Verifier}; {duringA} lossy arrivals during {stallsA} stalls");
        _output.WriteLine($"at B: {bulkInB.Verifier}; lossy {lossyInB.Verifier}; {duringB} lossy arrivals during {stallsB} stalls");
        _output.WriteLine($"A: {pair.Offerer.GetStats()}");
        _output.WriteLine($"B: {pair.Answerer.GetStats()}");
        Assert.True(bulkInA.Verifier.IsCompleteAndInOrder, bulkInA.Verifier.ToString());
        Assert.True(bulkInB.Verifier.IsCompleteAndInOrder, bulkInB.Verifier.ToString());
        Assert.True(lossyInA.Verifier.ToReport().IsIntactWithoutDuplicates, lossyInA.Verifier.ToString());
        Assert.True(lossyInB.Verifier.ToReport().IsIntactWithoutDuplicates, lossyInB.Verifier.ToString());
        Assert.True(fromA.Dropped > 0 && fromB.Dropped > 0, "the relay dropped nothing");
        Assert.True(stallsA + stallsB == 0 || duringA + duringB > 0,
            $"the lossy channels received nothing during {stallsA + stallsB} stalls of the reliable ones");
        if (dropRate >= 0.2)
        {
            Assert.True(lossyInA.Verifier.ToReport().Lost + lossyInB.Verifier.ToReport().Lost > 0, "at 20% loss the lossy channel lost nothing");
            Assert.True(stallsA + stallsB > 0, "at 20% loss neither reliable channel stalled while the lossy one was active: the measure saw nothing");
        }
    }
}
