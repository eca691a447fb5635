using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Tests.Relay;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// The page's data channel side, Chromium against Chromium: channel options and ids as ondatachannel reports them,
/// negotiated channels, echo, generated bulk traffic both ways paced on bufferedAmountLowThreshold with a lossy channel
/// alongside, and the generator against the pinned values. If these fail, no Chromium data channel test says anything
/// about our stack.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumDataChannelHarnessTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
    private readonly ChromiumBrowser _browser;
    private readonly ITestOutputHelper _output;

    public ChromiumDataChannelHarnessTests(ChromiumBrowser browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    [Fact]
    public async Task The_generator_in_the_page_matches_the_pinned_values()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using ChromiumPeer page = await _browser.CreatePeerAsync("generator", cancellationToken: timeout.Token);

        Assert.Equal(MessageGeneratorPins.BulkFirst, await page.GenerateAsync(MessageGeneratorPins.Bulk, 5, timeout.Token));
        Assert.Equal(MessageGeneratorPins.TaggedFirst, await page.GenerateAsync(MessageGeneratorPins.Tagged, 5, timeout.Token));
        Assert.Equal(MessageGeneratorPins.OneByteFirst, await page.GenerateAsync(MessageGeneratorPins.OneByte, 3, timeout.Token));
        Assert.Equal(
            [(8, MessageShape.Fnv1a(MessageGeneratorPins.TinyMessageZero.ToArray()))],
            await page.GenerateAsync(MessageGeneratorPins.Tiny, 1, timeout.Token));
    }

    [Fact]
    public async Task An_in_band_channel_reaches_the_other_page_with_its_options_and_a_negotiated_one_opens_without_dcep()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using ChromiumPeer offerer = await _browser.CreatePeerAsync("offerer", cancellationToken: ct);
        await using ChromiumPeer answerer = await _browser.CreatePeerAsync("answerer", cancellationToken: ct);
        await offerer.CreateDataChannelAsync(
            "chat", new PeerChannelInit { Ordered = false, MaxPacketLifeTime = TimeSpan.FromMilliseconds(700), Protocol = "chat-v1" },
            cancellationToken: ct);
        await offerer.CreateDataChannelAsync("side", new PeerChannelInit { Negotiated = true, Id = 7 }, cancellationToken: ct);
        await answerer.CreateDataChannelAsync("side", new PeerChannelInit { Negotiated = true, Id = 7 }, new ReceiveSpec { Echo = true }, ct);

        await ChromiumSignaling.NegotiateAsync(offerer, answerer, cancellationToken: ct);
        PeerChannelInfo received = await answerer.WaitForChannelAsync("chat", open: true, ct);
        PeerChannelInfo opened = await offerer.WaitForChannelAsync("chat", open: true, ct);

        _output.WriteLine($"offerer: {opened}; answerer: {received}");
        Assert.Equal(
            new PeerChannelInfo("chat", opened.Id, false, null, TimeSpan.FromMilliseconds(700), "chat-v1", false, "open", Remote: true),
            received);
        Assert.Single(answerer.RemoteChannels);
        PeerChannelInfo side = await offerer.WaitForChannelAsync("side", open: true, ct);
        Assert.Equal(7, side.Id);

        await offerer.SendTextAsync("side", "ping", ct);
        await offerer.SendDataAsync("side", [9, 8, 7], ct);
        await offerer.WaitForMessagesAsync("side", 2, TestTimeout, ct);
        IReadOnlyList<PeerMessage> echoed = await offerer.GetMessagesAsync("side", ct);
        Assert.Equal(new[] { ("ping", true), ("\t\b\a", false) }, echoed.Select(m => (m.Text, m.IsText)));
    }

    [Fact]
    public async Task Generated_bulk_crosses_both_ways_in_order_beside_a_lossy_channel()
    {
        const int Count = 1_000; // a check of the page alone; the 10,000-message run is ours against the page
        using var timeout = new CancellationTokenSource(DataChannelPeers.BulkTimeout);
        CancellationToken ct = timeout.Token;
        await using ChromiumPeer offerer = await _browser.CreatePeerAsync("offerer", cancellationToken: ct);
        await using ChromiumPeer answerer = await _browser.CreatePeerAsync("answerer", cancellationToken: ct);
        MessageShape toAnswerer = DataChannelPeers.BulkOut(65536);
        MessageShape toOfferer = DataChannelPeers.BulkIn(65536);
        await offerer.CreateDataChannelAsync("bulk", receive: ReceiveSpec.Verify(toOfferer, Count), cancellationToken: ct);
        await offerer.CreateDataChannelAsync("lossy", DataChannelPeers.LossyInit, ReceiveSpec.Verify(DataChannelPeers.LossyIn, Count), ct);
        await answerer.ExpectMessagesAsync("bulk", ReceiveSpec.Verify(toAnswerer, Count), ct);
        await answerer.ExpectMessagesAsync("lossy", ReceiveSpec.Verify(DataChannelPeers.LossyOut, Count), ct);

        await ChromiumSignaling.NegotiateAsync(offerer, answerer, cancellationToken: ct);
        await Task.WhenAll(offerer.WaitForChannelAsync("lossy", open: true, ct), answerer.WaitForChannelAsync("lossy", open: true, ct));
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
        foreach (ChromiumPeer page in new[] { offerer, answerer })
        {
            PeerChannelReport lossy = await page.GetChannelReportAsync("lossy", ct);
            Assert.True(lossy.Messages!.IsIntactWithoutDuplicates, lossy.ToString());
            Assert.True(lossy.Received > 0);
        }
    }

    [Fact]
    public async Task A_262144_byte_message_crosses_between_pages()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using ChromiumPeer offerer = await _browser.CreatePeerAsync("offerer", cancellationToken: ct);
        await using ChromiumPeer answerer = await _browser.CreatePeerAsync("answerer", cancellationToken: ct);
        var shape = new MessageShape(262144, 262144, 262144);
        await offerer.CreateDataChannelAsync("big", cancellationToken: ct);
        await answerer.ExpectMessagesAsync("big", ReceiveSpec.Verify(shape, 1), ct);

        await ChromiumSignaling.NegotiateAsync(offerer, answerer, cancellationToken: ct);
        await offerer.WaitForChannelAsync("big", open: true, ct);
        SessionDescriptionInit? local = await offerer.GetLocalDescriptionAsync(ct);
        await offerer.SendMessagesAsync("big", shape, 1, TestTimeout, cancellationToken: ct);
        PeerChannelReport report = await answerer.WaitForMessagesAsync("big", 1, TestTimeout, ct);

        Assert.Contains("a=max-message-size:262144", local!.Sdp);
        Assert.True(report.Messages!.IsCompleteAndInOrder, report.ToString());
        Assert.Equal(262144, report.Bytes);
    }
}
