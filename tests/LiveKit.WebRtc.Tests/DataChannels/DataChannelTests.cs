using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Tests.PeerConnection;
using Xunit;

namespace LiveKit.WebRtc.Tests.DataChannels;

/// <summary>Data channels between two of our connections on loopback, through the public API.</summary>
[Collection(RealTimeCollection.Name)]
public class DataChannelTests
{
    private static readonly TimeSpan Timeout = PeerConnectionLink.Timeout;

    [Fact]
    public async Task A_channel_opened_in_band_reaches_the_peer_with_its_options()
    {
        await using var link = new PeerConnectionLink();
        DataChannel local = link.Offerer.CreateDataChannel("chat", new DataChannelInit
        {
            Ordered = false,
            MaxRetransmits = 3,
            Protocol = "json",
            Priority = DataChannelPriority.High,
        });
        Task<DataChannel> remote = WhenReceived(link.Answerer);

        await link.NegotiateAsync();
        DataChannel peer = await remote.WaitAsync(Timeout);
        await local.WaitForOpenAsync().WaitAsync(Timeout);

        Assert.Equal(("chat", "json", false, (int?)3, DataChannelPriority.High), (peer.Label, peer.Protocol, peer.Ordered, peer.MaxRetransmits, peer.Priority));
        Assert.Equal(local.Id, peer.Id);
        Assert.Equal(DataChannelState.Open, peer.State);

        // The answerer is the DTLS client by default (a=setup:active), so the offerer, the server, uses odd ids (RFC 8832 §6).
        Assert.Equal(1, local.Id!.Value % 2);
    }

    [Fact]
    public async Task Binary_text_and_empty_messages_cross_both_ways()
    {
        await using var link = new PeerConnectionLink();
        (DataChannel a, DataChannel b) = await OpenPairAsync(link);

        await a.SendAsync(new byte[] { 1, 2, 3 });
        await a.SendAsync("héllo");
        await a.SendAsync(ReadOnlyMemory<byte>.Empty);
        await a.SendAsync("");
        await b.SendAsync(new byte[] { 9 });

        List<DataChannelMessage> atB = await ReadAsync(b, 4);
        List<DataChannelMessage> atA = await ReadAsync(a, 1);

        Assert.Equal(new byte[] { 1, 2, 3 }, atB[0].Data.ToArray());
        Assert.False(atB[0].IsText);
        Assert.Equal("héllo", atB[1].GetText());
        Assert.True(atB[1].IsText);
        Assert.True(atB[2].Data.IsEmpty && !atB[2].IsText);
        Assert.True(atB[3].Data.IsEmpty && atB[3].IsText);
        Assert.Equal(new byte[] { 9 }, atA[0].Data.ToArray());
    }

    [Fact]
    public async Task A_negotiated_channel_opens_on_both_sides_without_dcep()
    {
        await using var link = new PeerConnectionLink();
        var init = new DataChannelInit { Negotiated = true, Id = 42 };
        DataChannel a = link.Offerer.CreateDataChannel("agreed", init);
        DataChannel b = link.Answerer.CreateDataChannel("agreed", init);
        bool announced = false;
        link.Answerer.DataChannelReceived += _ => announced = true;

        await link.NegotiateAsync();
        await Task.WhenAll(a.WaitForOpenAsync(), b.WaitForOpenAsync()).WaitAsync(Timeout);
        await a.SendAsync("over 42");

        Assert.Equal("over 42", (await ReadAsync(b, 1))[0].GetText());
        Assert.Equal((ushort?)42, b.Id);
        Assert.False(announced);
    }

    [Fact]
    public async Task A_message_of_256_KiB_arrives_intact_and_a_larger_one_is_refused()
    {
        await using var link = new PeerConnectionLink();
        (DataChannel a, DataChannel b) = await OpenPairAsync(link);
        byte[] big = new byte[262144];
        new Random(7).NextBytes(big);

        await Assert.ThrowsAsync<ArgumentException>(async () => await a.SendAsync(new byte[262145]));
        await a.SendAsync(big);

        Assert.Equal(big, (await ReadAsync(b, 1))[0].Data.ToArray());
    }

    [Fact]
    public async Task Closing_one_side_closes_both_and_ends_the_readers()
    {
        await using var link = new PeerConnectionLink();
        (DataChannel a, DataChannel b) = await OpenPairAsync(link);
        var bClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Closed += () => bClosed.TrySetResult();
        Task<int> bRead = CountAsync(b);

        await a.CloseAsync().AsTask().WaitAsync(Timeout);
        await bClosed.Task.WaitAsync(Timeout);

        Assert.Equal(DataChannelState.Closed, a.State);
        Assert.Equal(DataChannelState.Closed, b.State);
        Assert.Equal(0, await bRead.WaitAsync(Timeout));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await a.SendAsync("late"));
    }

    [Fact]
    public async Task A_channel_created_on_a_connected_association_opens_without_renegotiation()
    {
        await using var link = new PeerConnectionLink();
        await OpenPairAsync(link);
        Task<DataChannel> second = WhenReceived(link.Offerer);

        DataChannel late = link.Answerer.CreateDataChannel("late");
        await late.WaitForOpenAsync().WaitAsync(Timeout);
        DataChannel peer = await second.WaitAsync(Timeout);

        Assert.Equal("late", peer.Label);
        Assert.Equal(0, late.Id!.Value % 2);
    }

    [Fact]
    public async Task Closing_the_connection_closes_its_channels()
    {
        var link = new PeerConnectionLink();
        (DataChannel a, DataChannel b) = await OpenPairAsync(link);
        var bClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Closed += () => bClosed.TrySetResult();
        Exception? aError = null;
        Exception? bError = null;
        a.Error += e => aError = e;
        b.Error += e => bError = e;

        await link.Offerer.DisposeAsync();
        await bClosed.Task.WaitAsync(Timeout);
        await link.DisposeAsync();

        Assert.Equal(DataChannelState.Closed, a.State);
        Assert.Equal(DataChannelState.Closed, b.State);
        Assert.Null(aError); // our own close is no failure...
        Assert.Contains("AbortReceived", bError?.Message); // ...the peer learns of it from the ABORT
    }

    [Fact]
    public async Task Buffered_amount_rises_with_sends_and_the_low_event_fires_when_acknowledged()
    {
        await using var link = new PeerConnectionLink();
        (DataChannel a, DataChannel b) = await OpenPairAsync(link);
        a.BufferedAmountLowThreshold = 1024;
        var low = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.BufferedAmountLow += () => low.TrySetResult();
        Task<int> reader = CountAsync(b, stopAfter: 64);

        for (int i = 0; i < 64; i++)
        {
            await a.SendAsync(new byte[16 * 1024]);
        }

        Assert.True(a.BufferedAmount > 0 || low.Task.IsCompleted);
        await low.Task.WaitAsync(Timeout);
        Assert.Equal(64, await reader.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Bad_options_are_refused_with_the_reason()
    {
        await using var link = new PeerConnectionLink();

        Assert.Throws<ArgumentException>(() => link.Offerer.CreateDataChannel("x", new DataChannelInit { MaxRetransmits = 1, MaxPacketLifeTime = TimeSpan.FromSeconds(1) }));
        Assert.Throws<ArgumentException>(() => link.Offerer.CreateDataChannel("x", new DataChannelInit { Negotiated = true }));
        Assert.Throws<ArgumentException>(() => link.Offerer.CreateDataChannel(new string('a', 65536)));
        DataChannel ok = link.Offerer.CreateDataChannel("fine");
        Assert.Equal(DataChannelState.Connecting, ok.State);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await ok.SendAsync("too early"));
    }

    [Fact]
    public async Task The_offer_carries_the_data_section_with_port_and_size()
    {
        await using var link = new PeerConnectionLink(PeerConnectionLink.Loopback() with { MaxMessageSize = 100_000 });
        link.Offerer.CreateDataChannel("x");

        SessionDescriptionInit offer = await link.Offerer.CreateOfferAsync();

        Assert.Contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", offer.Sdp);
        Assert.Contains("a=sctp-port:5000", offer.Sdp);
        Assert.Contains("a=max-message-size:100000", offer.Sdp);
    }

    internal static async Task<(DataChannel Offerer, DataChannel Answerer)> OpenPairAsync(PeerConnectionLink link)
    {
        DataChannel local = link.Offerer.CreateDataChannel("test");
        Task<DataChannel> remote = WhenReceived(link.Answerer);
        await link.NegotiateAsync();
        DataChannel peer = await remote.WaitAsync(Timeout);
        await local.WaitForOpenAsync().WaitAsync(Timeout);
        return (local, peer);
    }

    internal static Task<DataChannel> WhenReceived(WebRtc.PeerConnection connection)
    {
        var received = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.DataChannelReceived += c => received.TrySetResult(c);
        return received.Task;
    }

    private static async Task<List<DataChannelMessage>> ReadAsync(DataChannel channel, int count)
    {
        var messages = new List<DataChannelMessage>();
        using var timeout = new CancellationTokenSource(Timeout);
        await foreach (DataChannelMessage message in channel.ReadAllAsync(timeout.Token))
        {
            messages.Add(message);
            if (messages.Count == count)
            {
                break;
            }
        }

        return messages;
    }

    private static async Task<int> CountAsync(DataChannel channel, int stopAfter = int.MaxValue)
    {
        int count = 0;
        using var timeout = new CancellationTokenSource(Timeout);
        await foreach (DataChannelMessage _ in channel.ReadAllAsync(timeout.Token))
        {
            if (++count == stopAfter)
            {
                break;
            }
        }

        return count;
    }
}
