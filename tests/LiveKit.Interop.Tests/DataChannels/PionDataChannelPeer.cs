using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Pion;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>The pion peer as an <see cref="IDataChannelPeer"/>, optionally behind a <see cref="LossyUdpRelay"/> (pion is its side B).</summary>
internal sealed class PionDataChannelPeer(PionPeer pion, LossyUdpRelay? relay = null) : IDataChannelPeer
{
    /// <summary>How long a wait for messages may take.</summary>
    public static readonly TimeSpan WaitTimeout = DataChannelPeers.BulkTimeout;

    /// <summary>The pion peer.</summary>
    public PionPeer Pion => pion;

    /// <inheritdoc />
    public string Name => "pion";

    /// <inheritdoc />
    public int MaxReceivableMessageSize => PionPeer.MaxReceivableMessageSize;

    /// <inheritdoc />
    public IReadOnlyList<PeerChannelInfo> RemoteChannels => pion.RemoteChannels;

    /// <inheritdoc />
    public string Diagnostics => $"pion state {pion.State}; stderr:\n{pion.StderrTail}";

    /// <inheritdoc />
    public Task<Task> NegotiateAsync(PeerConnection ours, bool weOffer, CancellationToken cancellationToken) =>
        ManagedPionLink.NegotiateAsync(ours, pion, weOffer, relay, cancellationToken);

    /// <inheritdoc />
    public Task<PeerChannelInfo> CreateDataChannelAsync(string label, PeerChannelInit? init, ReceiveSpec? receive, CancellationToken cancellationToken) =>
        pion.CreateDataChannelAsync(label, init, receive, cancellationToken);

    /// <inheritdoc />
    public Task ExpectMessagesAsync(string label, ReceiveSpec receive, CancellationToken cancellationToken) =>
        pion.ExpectMessagesAsync(label, receive, cancellationToken);

    /// <inheritdoc />
    public Task<PeerChannelInfo> WaitForChannelAsync(string label, bool open, CancellationToken cancellationToken) =>
        pion.WaitForChannelAsync(label, open, WaitTimeout, cancellationToken);

    /// <inheritdoc />
    public Task<PeerSendResult> SendMessagesAsync(
        string label, MessageShape shape, int count, (string Label, MessageShape Shape, int Count)? with, long? highWater,
        CancellationToken cancellationToken) =>
        pion.SendMessagesAsync(label, shape, count, WaitTimeout, with, highWater, cancellationToken);

    /// <inheritdoc />
    public Task SendDataAsync(string label, byte[] data, CancellationToken cancellationToken) => pion.SendDataAsync(label, data, cancellationToken);

    /// <inheritdoc />
    public Task SendTextAsync(string label, string text, CancellationToken cancellationToken) => pion.SendTextAsync(label, text, cancellationToken);

    /// <inheritdoc />
    public Task<PeerChannelReport> WaitForMessagesAsync(string label, long count, CancellationToken cancellationToken) =>
        pion.WaitForMessagesAsync(label, count, WaitTimeout, cancellationToken);

    /// <inheritdoc />
    public Task<PeerChannelReport> GetChannelReportAsync(string label, CancellationToken cancellationToken) =>
        pion.GetChannelReportAsync(label, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PeerMessage>> GetMessagesAsync(string label, CancellationToken cancellationToken) =>
        pion.GetMessagesAsync(label, cancellationToken);

    /// <inheritdoc />
    public Task CloseDataChannelAsync(string label, CancellationToken cancellationToken) => pion.CloseDataChannelAsync(label, cancellationToken);
}
