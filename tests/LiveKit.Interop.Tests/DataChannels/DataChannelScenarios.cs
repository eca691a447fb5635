using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Tests.Relay;
using Xunit;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// The data channel scenarios our <see cref="PeerConnection"/> runs against each real peer (<see cref="IDataChannelPeer"/>):
/// a channel the peer opens, one we open, a negotiated one, bulk both ways with a lossy channel alongside, and the
/// largest message. Each takes who offers, so that each runs in both DTLS roles of ours.
/// </summary>
internal static class DataChannelScenarios
{
    private static readonly MessageShape SmallOut = new(0x5EED_0001, 1, 2000);
    private static readonly MessageShape SmallIn = new(0x5EED_0002, 1, 2000);

    /// <summary>
    /// The peer opens "from-peer" (unordered, 3 retransmissions, a protocol): before its offer when it offers, on the
    /// connected association when we do. We get it through DataChannelReceived with those options and the peer's id,
    /// open, and messages cross both ways.
    /// </summary>
    public static async Task PeerOpensAsync(PeerConnection ours, IDataChannelPeer peer, bool weOffer, Action<string> log, CancellationToken ct)
    {
        const string Label = "from-peer";
        var init = new PeerChannelInit { Ordered = false, MaxRetransmits = 3, Protocol = "peer-proto" };
        var received = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        var receivedLabels = new List<string>();
        ours.DataChannelReceived += channel =>
        {
            lock (receivedLabels)
            {
                receivedLabels.Add(channel.Label);
            }

            if (channel.Label == Label)
            {
                received.TrySetResult(channel);
            }
        };
        if (weOffer)
        {
            await CreateBootstrapAsync(ours, peer, ct);
        }
        else
        {
            await peer.CreateDataChannelAsync(Label, init, null, ct);
        }

        await ConnectAsync(ours, peer, weOffer, ct);
        if (weOffer)
        {
            await peer.CreateDataChannelAsync(Label, init, null, ct);
        }

        PeerChannelInfo theirs = await peer.WaitForChannelAsync(Label, open: true, ct);
        DataChannel channel = await received.Task.WaitAsync(ct);

        log($"{peer.Name}: {theirs}; ours: {channel}");
        Assert.Equal(Label, channel.Label);
        Assert.Equal(DataChannelState.Open, channel.State);
        Assert.False(channel.Ordered);
        Assert.Equal(3, channel.MaxRetransmits);
        Assert.Null(channel.MaxPacketLifeTime);
        Assert.Equal("peer-proto", channel.Protocol);
        Assert.False(channel.Negotiated);
        Assert.NotNull(theirs.Id);
        Assert.Equal(theirs.Id, (int?)channel.Id);
        Assert.Equal(IdParity(weOffer, ours: false), theirs.Id!.Value % 2);
        lock (receivedLabels)
        {
            Assert.Equal([Label], receivedLabels); // the negotiated bootstrap is not announced
        }

        await ExchangeAsync(channel, peer, Label, log, ct);
    }

    /// <summary>
    /// We open "from-ours" (unordered, a 500 ms lifetime, a protocol): before our offer when we offer, on the connected
    /// association when the peer does. The peer's ondatachannel reports it with those options and our id.
    /// </summary>
    public static async Task WeOpenAsync(PeerConnection ours, IDataChannelPeer peer, bool weOffer, Action<string> log, CancellationToken ct)
    {
        const string Label = "from-ours";
        var init = new DataChannelInit { Ordered = false, MaxPacketLifeTime = TimeSpan.FromMilliseconds(500), Protocol = "ours-proto" };
        DataChannel? channel = null;
        if (weOffer)
        {
            channel = ours.CreateDataChannel(Label, init);
            Assert.Equal(DataChannelState.Connecting, channel.State);
        }
        else
        {
            await CreateBootstrapAsync(ours, peer, ct);
        }

        await ConnectAsync(ours, peer, weOffer, ct);
        channel ??= ours.CreateDataChannel(Label, init);
        await channel.WaitForOpenAsync(ct);
        PeerChannelInfo theirs = await peer.WaitForChannelAsync(Label, open: true, ct);

        log($"ours: {channel}; {peer.Name}: {theirs}");
        Assert.True(theirs.Remote);
        Assert.False(theirs.Ordered);
        Assert.Null(theirs.MaxRetransmits);
        Assert.Equal(TimeSpan.FromMilliseconds(500), theirs.MaxPacketLifeTime);
        Assert.Equal("ours-proto", theirs.Protocol);
        Assert.False(theirs.Negotiated);
        Assert.NotNull(channel.Id);
        Assert.Equal((int?)channel.Id, theirs.Id);
        Assert.Equal(IdParity(weOffer, ours: true), channel.Id!.Value % 2);
        Assert.Equal([Label], peer.RemoteChannels.Select(c => c.Label));
        await ExchangeAsync(channel, peer, Label, log, ct);
    }

    /// <summary>
    /// Both create "agreed" negotiated with id 5 before the offer: it opens on both sides with that id, neither side
    /// announces it (no DCEP), and messages cross both ways.
    /// </summary>
    public static async Task NegotiatedAsync(PeerConnection ours, IDataChannelPeer peer, bool weOffer, Action<string> log, CancellationToken ct)
    {
        const string Label = "agreed";
        var announced = new List<string>();
        ours.DataChannelReceived += c =>
        {
            lock (announced)
            {
                announced.Add(c.Label);
            }
        };
        DataChannel channel = ours.CreateDataChannel(Label, new DataChannelInit { Negotiated = true, Id = 5, Protocol = "both" });
        await peer.CreateDataChannelAsync(Label, new PeerChannelInit { Negotiated = true, Id = 5, Protocol = "both" }, null, ct);

        await ConnectAsync(ours, peer, weOffer, ct);
        await channel.WaitForOpenAsync(ct);
        PeerChannelInfo theirs = await peer.WaitForChannelAsync(Label, open: true, ct);

        log($"ours: {channel}; {peer.Name}: {theirs}");
        Assert.Equal((ushort)5, channel.Id);
        Assert.True(channel.Negotiated);
        Assert.Equal(5, theirs.Id);
        Assert.True(theirs.Negotiated);
        Assert.Empty(peer.RemoteChannels);
        await ExchangeAsync(channel, peer, Label, log, ct);
        lock (announced)
        {
            Assert.Empty(announced);
        }
    }

    /// <summary>
    /// <paramref name="count"/> generated messages (1 byte to the peer's limit, at most 64 KiB) each way at the same time
    /// on a reliable ordered channel, byte-exact and in order, while an unordered channel without retransmissions
    /// carries <see cref="DataChannelPeers.LossyCount"/> tagged messages each way (each intact, none twice; counted). We
    /// open both channels (before the offer; when the peer offers, its offer gets the application section from the
    /// negotiated bootstrap channel).
    /// </summary>
    public static async Task BulkAsync(
        PeerConnection ours, IDataChannelPeer peer, bool weOffer, int count, Action<string> log, CancellationToken ct)
    {
        int maxSize = Math.Min(65536, peer.MaxReceivableMessageSize);
        MessageShape toPeer = DataChannelPeers.BulkOut(maxSize);
        MessageShape fromPeer = DataChannelPeers.BulkIn(maxSize);
        if (!weOffer)
        {
            await CreateBootstrapAsync(ours, peer, ct);
        }

        DataChannel bulk = ours.CreateDataChannel("bulk");
        DataChannel lossy = ours.CreateDataChannel("lossy", new DataChannelInit { Ordered = false, MaxRetransmits = 0 });
        await peer.ExpectMessagesAsync("bulk", ReceiveSpec.Verify(toPeer, count), ct);
        await peer.ExpectMessagesAsync("lossy", ReceiveSpec.Verify(DataChannelPeers.LossyOut, DataChannelPeers.LossyCount), ct);
        var clock = Stopwatch.StartNew();
        ChannelReceiver bulkIn = ChannelReceiver.Start(bulk, fromPeer, count, clock, stopWhenComplete: true, ct);
        ChannelReceiver lossyIn = ChannelReceiver.Start(lossy, DataChannelPeers.LossyIn, DataChannelPeers.LossyCount, clock, stopWhenComplete: true, ct);

        await ConnectAsync(ours, peer, weOffer, ct);
        await Task.WhenAll(bulk.WaitForOpenAsync(ct), lossy.WaitForOpenAsync(ct), peer.WaitForChannelAsync("lossy", open: true, ct));
        clock.Restart();
        var progress = new SendProgress();
        Task<(long, long)> ourSends = DataChannelTraffic.SendInterleavedAsync(
            bulk, toPeer, count, lossy, DataChannelPeers.LossyOut, DataChannelPeers.LossyCount, ct, progress: progress);
        Task<PeerSendResult> theirSends = peer.SendMessagesAsync(
            "bulk", fromPeer, count, ("lossy", DataChannelPeers.LossyIn, DataChannelPeers.LossyCount), null, ct);
        PeerChannelReport atPeer, lossyAtPeer;
        TimeSpan peerDone, oursDone;
        long sentBytes;
        PeerSendResult theirSent;
        try
        {
            atPeer = await peer.WaitForMessagesAsync("bulk", count, ct);
            peerDone = clock.Elapsed;
            await bulkIn.Completion.WaitAsync(ct);
            oursDone = clock.Elapsed;
            (sentBytes, _) = await ourSends;
            theirSent = await theirSends;

            // Everything before the close is delivered or given up when it completes (RFC 8831 §6.7): the counts are final.
            await lossy.CloseAsync().AsTask().WaitAsync(ct);
            await lossyIn.Completion.WaitAsync(ct);
            lossyAtPeer = await peer.GetChannelReportAsync("lossy", ct);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            throw new TimeoutException(
                $"the bulk run got stuck after {clock.Elapsed.TotalSeconds:0.0} s: ours {progress}, our sends {ourSends.Status}, " +
                $"{peer.Name}'s sends {theirSends.Status}; " + await DescribeAsync(ours, peer, [bulk, lossy], [bulkIn, lossyIn]), e);
        }
        log($"to {peer.Name}: {sentBytes} B, all arrived after {peerDone.TotalSeconds:0.0} s ({sentBytes / 1e6 / peerDone.TotalSeconds:0.0} MB/s): {atPeer}");
        log($"from {peer.Name}: {theirSent.Bytes} B, all arrived after {oursDone.TotalSeconds:0.0} s: {bulkIn.Verifier}");
        log($"lossy to {peer.Name}: {lossyAtPeer}");
        log($"lossy from {peer.Name}: {lossyIn.Verifier}; dropped by our reader's queue: {lossy.DroppedMessageCount}");

        Assert.True(atPeer.Messages!.IsCompleteAndInOrder, atPeer.ToString());
        Assert.Equal(sentBytes, atPeer.Bytes);
        Assert.True(bulkIn.Verifier.IsCompleteAndInOrder, bulkIn.Verifier.ToString());
        Assert.Equal(theirSent.Bytes, bulkIn.Verifier.Bytes);
        Assert.True(lossyAtPeer.Messages!.IsIntactWithoutDuplicates, lossyAtPeer.ToString());
        Assert.True(lossyIn.Verifier.ToReport().IsIntactWithoutDuplicates, lossyIn.Verifier.ToString());
        Assert.True(lossyAtPeer.Received > 0 && lossyIn.Verifier.Received > 0, "the lossy channel carried nothing");
    }

    /// <summary>One message of <paramref name="size"/> bytes each way on a reliable channel, intact.</summary>
    public static async Task LargestMessageAsync(
        PeerConnection ours, IDataChannelPeer peer, bool weOffer, int size, Action<string> log, CancellationToken ct)
    {
        var toPeer = new MessageShape(0x1A76E, size, size);
        var fromPeer = new MessageShape(0x1A76F, size, size);
        DataChannel channel = ours.CreateDataChannel("big");
        await peer.ExpectMessagesAsync("big", ReceiveSpec.Verify(toPeer, 1), ct);
        var clock = Stopwatch.StartNew();
        ChannelReceiver fromThem = ChannelReceiver.Start(channel, fromPeer, 1, clock, stopWhenComplete: true, ct);

        await ConnectAsync(ours, peer, weOffer, ct);
        await channel.WaitForOpenAsync(ct);
        await peer.WaitForChannelAsync("big", open: true, ct);
        await channel.SendAsync(toPeer.Create(0), ct);
        await peer.SendMessagesAsync("big", fromPeer, 1, null, null, ct);
        PeerChannelReport atPeer = await peer.WaitForMessagesAsync("big", 1, ct);
        await fromThem.Completion.WaitAsync(ct);

        log($"{peer.Name}: {atPeer}; ours: {fromThem.Verifier}");
        Assert.True(atPeer.Messages!.IsCompleteAndInOrder, atPeer.ToString());
        Assert.Equal(size, atPeer.Bytes);
        Assert.True(fromThem.Verifier.IsCompleteAndInOrder, fromThem.Verifier.ToString());
    }

    /// <summary>Where a stuck run stands: what each side received, our channels and connection, the peer's own words.</summary>
    public static async Task<string> DescribeAsync(
        PeerConnection ours, IDataChannelPeer peer, IReadOnlyList<DataChannel> channels, IReadOnlyList<ChannelReceiver> receivers)
    {
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var text = new System.Text.StringBuilder();
        foreach (DataChannel channel in channels)
        {
            string report;
            try
            {
                report = (await peer.GetChannelReportAsync(channel.Label, quick.Token)).ToString();
            }
            catch (Exception e)
            {
                report = $"no report ({e.GetType().Name}: {e.Message})";
            }

            text.Append($"\n{channel} buffered {channel.BufferedAmount} B; at {peer.Name}: {report}");
        }

        foreach (ChannelReceiver receiver in receivers)
        {
            text.Append($"\nat ours: {receiver.Verifier} ({receiver.Completion.Status})");
        }

        text.Append($"\nours: {ours.ConnectionState}, {ours.GetStats()}\n{peer.Name}: {peer.Diagnostics}");
        return text.ToString();
    }

    /// <summary>Connects and waits for our side to be connected (the channels then open on their own).</summary>
    public static async Task ConnectAsync(PeerConnection ours, IDataChannelPeer peer, bool weOffer, CancellationToken ct)
    {
        Task connected = PeerConnectionWaits.WhenConnectedAsync(ours, ct);
        Task trickling = await peer.NegotiateAsync(ours, weOffer, ct);
        await connected;
        _ = trickling; // ends with both ends of candidates; a failure there shows as a connection that never comes
    }

    /// <summary>Our connection's options for the data channel tests: loopback, and 8 MiB socket buffers.</summary>
    public static PeerConnectionOptions Options() => new()
    {
        HostAddresses = [System.Net.IPAddress.Loopback],
        SocketReceiveBufferSize = 8 * 1024 * 1024,
        SocketSendBufferSize = 8 * 1024 * 1024,
    };

    /// <summary>
    /// Text and a few binary messages each way on an open channel: the peer keeps what it got, in order, text as text;
    /// we read what it sent, in order.
    /// </summary>
    public static async Task ExchangeAsync(DataChannel channel, IDataChannelPeer peer, string label, Action<string> log, CancellationToken ct)
    {
        Task<IReadOnlyList<(byte[] Data, bool IsText)>> reading = ReadAsync(channel, 6, ct);
        await channel.SendAsync("hello from ours", ct);
        for (uint i = 0; i < 5; i++)
        {
            await channel.SendAsync(SmallOut.Create(i), ct);
        }

        await peer.WaitForMessagesAsync(label, 6, ct);
        IReadOnlyList<PeerMessage> atPeer = await peer.GetMessagesAsync(label, ct);
        await peer.SendTextAsync(label, $"hello from {peer.Name}", ct);
        for (uint i = 0; i < 5; i++)
        {
            await peer.SendDataAsync(label, SmallIn.Create(i), ct);
        }

        IReadOnlyList<(byte[] Data, bool IsText)> atOurs = await reading;
        log($"exchanged {atPeer.Count} and {atOurs.Count} messages on {label}");
        Assert.Equal(6, atPeer.Count);
        Assert.Equal(("hello from ours", true), (atPeer[0].Text, atPeer[0].IsText));
        Assert.Equal(("hello from " + peer.Name, true), (System.Text.Encoding.UTF8.GetString(atOurs[0].Data), atOurs[0].IsText));
        for (int i = 1; i < 6; i++)
        {
            Assert.False(atPeer[i].IsText);
            Assert.Equal(SmallOut.Create((uint)i - 1), atPeer[i].Data);
            Assert.False(atOurs[i].IsText);
            Assert.Equal(SmallIn.Create((uint)i - 1), atOurs[i].Data);
        }
    }

    /// <summary>The negotiated channel that gives the offer an application section; both sides create it, nothing uses it.</summary>
    private static async Task CreateBootstrapAsync(PeerConnection ours, IDataChannelPeer peer, CancellationToken ct)
    {
        ours.CreateDataChannel(DataChannelPeers.BootstrapLabel, new DataChannelInit { Negotiated = true, Id = DataChannelPeers.BootstrapId });
        await peer.CreateDataChannelAsync(
            DataChannelPeers.BootstrapLabel, new PeerChannelInit { Negotiated = true, Id = DataChannelPeers.BootstrapId }, null, ct);
    }

    /// <summary>
    /// The parity of the ids a side picks (RFC 8832 §6): the DTLS client even, the server odd. We are the server when we
    /// offer (the peer answers active).
    /// </summary>
    private static int IdParity(bool weOffer, bool ours) => (weOffer == ours) ? 1 : 0;

    private static async Task<IReadOnlyList<(byte[] Data, bool IsText)>> ReadAsync(DataChannel channel, int count, CancellationToken ct)
    {
        var messages = new List<(byte[], bool)>();
        await foreach (DataChannelMessage message in channel.ReadAllAsync(ct))
        {
            messages.Add((message.Data.ToArray(), message.IsText));
            if (messages.Count == count)
            {
                break;
            }
        }

        return messages;
    }
}
