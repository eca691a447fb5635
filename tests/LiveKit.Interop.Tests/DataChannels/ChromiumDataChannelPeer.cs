using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>A Chromium page as an <see cref="IDataChannelPeer"/>.</summary>
internal sealed class ChromiumDataChannelPeer(ChromiumPeer page) : IDataChannelPeer
{
    /// <summary>How long a send or a wait for messages may take.</summary>
    public static readonly TimeSpan WaitTimeout = DataChannelPeers.BulkTimeout;

    /// <inheritdoc />
    public string Name => "Chromium";

    /// <inheritdoc />
    public int MaxReceivableMessageSize => 262144;

    /// <inheritdoc />
    public IReadOnlyList<PeerChannelInfo> RemoteChannels => page.RemoteChannels;

    /// <inheritdoc />
    public string Diagnostics => $"{page}; failures: {string.Join("; ", page.Failures)}";

    /// <inheritdoc />
    public Task<Task> NegotiateAsync(PeerConnection ours, bool weOffer, CancellationToken cancellationToken) =>
        ManagedChromiumLink.NegotiateAsync(ours, page, weOffer, cancellationToken);

    /// <inheritdoc />
    public Task<PeerChannelInfo> CreateDataChannelAsync(string label, PeerChannelInit? init, ReceiveSpec? receive, CancellationToken cancellationToken) =>
        page.CreateDataChannelAsync(label, init, receive, cancellationToken);

    /// <inheritdoc />
    public Task ExpectMessagesAsync(string label, ReceiveSpec receive, CancellationToken cancellationToken) =>
        page.ExpectMessagesAsync(label, receive, cancellationToken);

    /// <inheritdoc />
    public Task<PeerChannelInfo> WaitForChannelAsync(string label, bool open, CancellationToken cancellationToken) =>
        page.WaitForChannelAsync(label, open, cancellationToken);

    /// <inheritdoc />
    public Task<PeerSendResult> SendMessagesAsync(
        string label, MessageShape shape, int count, (string Label, MessageShape Shape, int Count)? with, long? highWater,
        CancellationToken cancellationToken) =>
        page.SendMessagesAsync(label, shape, count, WaitTimeout, with, highWater, cancellationToken);

    /// <inheritdoc />
    public Task SendDataAsync(string label, byte[] data, CancellationToken cancellationToken) => page.SendDataAsync(label, data, cancellationToken);

    /// <inheritdoc />
    public Task SendTextAsync(string label, string text, CancellationToken cancellationToken) => page.SendTextAsync(label, text, cancellationToken);

    /// <inheritdoc />
    public Task<PeerChannelReport> WaitForMessagesAsync(string label, long count, CancellationToken cancellationToken) =>
        page.WaitForMessagesAsync(label, count, WaitTimeout, cancellationToken);

    /// <inheritdoc />
    public Task<PeerChannelReport> GetChannelReportAsync(string label, CancellationToken cancellationToken) =>
        page.GetChannelReportAsync(label, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PeerMessage>> GetMessagesAsync(string label, CancellationToken cancellationToken) =>
        page.GetMessagesAsync(label, cancellationToken);

    /// <inheritdoc />
    public Task CloseDataChannelAsync(string label, CancellationToken cancellationToken) => page.CloseDataChannelAsync(label, cancellationToken);
}
