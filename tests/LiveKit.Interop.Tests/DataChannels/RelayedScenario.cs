using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Tests.Relay;
using Xunit;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// A reliable ordered channel and an unordered one without retransmissions, both ways at once, through a
/// <see cref="LossyUdpRelay"/> that drops and reorders once the channels are open (we offer and are its side A).
/// </summary>
internal static class RelayedScenario
{
    /// <summary>The share of datagrams the relay holds back and releases after the next one, beside the drops.</summary>
    public const double ReorderRate = 0.05;

    /// <summary>
    /// Runs the scenario: the reliable channel delivers every message exactly once and in order both ways; the lossy
    /// channel's messages that arrive are intact and arrive once; and the lossy channel is never held back behind the
    /// reliable one: with <paramref name="assertStalls"/>, over both receivers, the reliable channels stalled (waiting for
    /// a retransmission) and the stalls had lossy arrivals in them (<see cref="StallMeasure"/>; summed, because a sender
    /// may itself pause during a stall). Without it the measure is only logged: at 20% loss with few messages the stalls
    /// are mostly retransmission timeouts, during which the senders (pion's at least 1 s) send nothing new at all.
    /// </summary>
    public static async Task RunAsync(
        PeerConnection ours, IDataChannelPeer peer, LossyUdpRelay relay, double dropRate, int count, int maxSize, bool assertStalls,
        Action<string> log, CancellationToken ct)
    {
        var toPeer = new MessageShape(0xE1_0001, 1, maxSize);
        var fromPeer = new MessageShape(0xE1_0002, 1, maxSize);
        var lossyOut = new MessageShape(0xE1_0003, 4, 1000, tagged: true);
        var lossyInShape = new MessageShape(0xE1_0004, 4, 1000, tagged: true);
        DataChannel bulk = ours.CreateDataChannel("bulk");
        DataChannel lossy = ours.CreateDataChannel("lossy", new DataChannelInit { Ordered = false, MaxRetransmits = 0 });
        await peer.ExpectMessagesAsync("bulk", ReceiveSpec.Verify(toPeer, count), ct);
        await peer.ExpectMessagesAsync("lossy", ReceiveSpec.Verify(lossyOut, count) with { StallsOf = "bulk" }, ct);
        var clock = Stopwatch.StartNew();
        ChannelReceiver bulkIn = ChannelReceiver.Start(bulk, fromPeer, count, clock, stopWhenComplete: true, ct);
        ChannelReceiver lossyIn = ChannelReceiver.Start(lossy, lossyInShape, count, clock, stopWhenComplete: true, ct);

        await DataChannelScenarios.ConnectAsync(ours, peer, weOffer: true, ct);
        await Task.WhenAll(bulk.WaitForOpenAsync(ct), lossy.WaitForOpenAsync(ct), peer.WaitForChannelAsync("lossy", open: true, ct));
        relay.DropRate = dropRate;
        relay.ReorderRate = ReorderRate;
        var progress = new SendProgress();
        Task<(long, long)> ourSends = DataChannelTraffic.SendInterleavedAsync(
            bulk, toPeer, count, lossy, lossyOut, count, ct, DataChannelPeers.RelayHighWater, progress);
        Task<PeerSendResult> theirSends = peer.SendMessagesAsync(
            "bulk", fromPeer, count, ("lossy", lossyInShape, count), DataChannelPeers.RelayHighWater, ct);
        PeerChannelReport atPeer, lossyAtPeer;
        RelayCounters fromUs, fromThem;
        try
        {
            atPeer = await peer.WaitForMessagesAsync("bulk", count, ct);
            await bulkIn.Completion.WaitAsync(ct);
            await ourSends;
            await theirSends;
            fromUs = relay.FromA;
            fromThem = relay.FromB;

            // The counts are final once the lossy channel is closed (RFC 8831 §6.7); the close itself need not suffer loss.
            relay.DropRate = 0;
            relay.ReorderRate = 0;
            await lossy.CloseAsync().AsTask().WaitAsync(ct);
            await lossyIn.Completion.WaitAsync(ct);
            lossyAtPeer = await peer.GetChannelReportAsync("lossy", ct);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            throw new TimeoutException(
                $"the relayed run got stuck: ours {progress}, our sends {ourSends.Status}, {peer.Name}'s sends {theirSends.Status}; " +
                $"relay from us {relay.FromA}, from {peer.Name} {relay.FromB}; " +
                await DataChannelScenarios.DescribeAsync(ours, peer, [bulk, lossy], [bulkIn, lossyIn]), e);
        }
        (int ourStalls, int ourDuring) = StallMeasure.Count(bulkIn.Arrivals, lossyIn.Arrivals, StallMeasure.DefaultThreshold);

        log($"relay: from us {fromUs}, from {peer.Name} {fromThem}");
        log($"at {peer.Name}: {atPeer}; lossy: {lossyAtPeer}");
        log($"at ours: {bulkIn.Verifier}; lossy: {lossyIn.Verifier}; {ourDuring} lossy arrivals during {ourStalls} reliable stalls");
        Assert.True(atPeer.Messages!.IsCompleteAndInOrder, atPeer.ToString());
        Assert.True(bulkIn.Verifier.IsCompleteAndInOrder, bulkIn.Verifier.ToString());
        Assert.True(lossyAtPeer.Messages!.IsIntactWithoutDuplicates, lossyAtPeer.ToString());
        Assert.True(lossyIn.Verifier.ToReport().IsIntactWithoutDuplicates, lossyIn.Verifier.ToString());
        Assert.True(fromUs.Dropped > 0 && fromThem.Dropped > 0, "the relay dropped nothing");
        int stalls = ourStalls + (lossyAtPeer.Stalls ?? 0);
        int during = ourDuring + (lossyAtPeer.DuringStalls ?? 0);
        if (assertStalls)
        {
            Assert.True(stalls > 0, "neither reliable channel stalled while the lossy one was active: the stall measure saw nothing");
            Assert.True(during > 0, $"the lossy channels received nothing during {stalls} stalls of the reliable ones");
        }

        if (dropRate >= 0.2)
        {
            Assert.True(lossyAtPeer.Messages.Lost + lossyIn.Verifier.ToReport().Lost > 0, "at 20% loss the lossy channel lost nothing");
        }
    }
}
