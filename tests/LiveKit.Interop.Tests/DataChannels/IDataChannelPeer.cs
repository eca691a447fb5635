using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// A real peer with data channels (the pion program or a Chromium page), as <see cref="DataChannelScenarios"/> drives
/// it against our <see cref="PeerConnection"/>: the same scenarios run against both.
/// </summary>
internal interface IDataChannelPeer
{
    /// <summary>The peer's name in messages.</summary>
    string Name { get; }

    /// <summary>The largest message the peer can receive (pion 3.1.56: 65,535; Chromium: 262,144).</summary>
    int MaxReceivableMessageSize { get; }

    /// <summary>What the peer can say about itself when a test got stuck (pion's stderr, the page's failures).</summary>
    string Diagnostics { get; }

    /// <summary>The channels the peer saw us open in-band.</summary>
    IReadOnlyList<PeerChannelInfo> RemoteChannels { get; }

    /// <summary>Offer/answer with our connection (<paramref name="weOffer"/>: we offer) and trickled candidates; returns the trickling.</summary>
    Task<Task> NegotiateAsync(PeerConnection ours, bool weOffer, CancellationToken cancellationToken);

    /// <summary>createDataChannel, with an optional receive spec set before anything can arrive.</summary>
    Task<PeerChannelInfo> CreateDataChannelAsync(string label, PeerChannelInit? init, ReceiveSpec? receive, CancellationToken cancellationToken);

    /// <summary>Sets how a channel's messages are checked (before it exists, too).</summary>
    Task ExpectMessagesAsync(string label, ReceiveSpec receive, CancellationToken cancellationToken);

    /// <summary>Completes with the channel once it exists (and is open, with <paramref name="open"/>).</summary>
    Task<PeerChannelInfo> WaitForChannelAsync(string label, bool open, CancellationToken cancellationToken);

    /// <summary>Sends generated messages (interleaved with another channel's, with <paramref name="with"/>).</summary>
    Task<PeerSendResult> SendMessagesAsync(
        string label, MessageShape shape, int count, (string Label, MessageShape Shape, int Count)? with, long? highWater,
        CancellationToken cancellationToken);

    /// <summary>Sends one binary message.</summary>
    Task SendDataAsync(string label, byte[] data, CancellationToken cancellationToken);

    /// <summary>Sends one text message.</summary>
    Task SendTextAsync(string label, string text, CancellationToken cancellationToken);

    /// <summary>Completes with the channel's report once <paramref name="count"/> messages arrived.</summary>
    Task<PeerChannelReport> WaitForMessagesAsync(string label, long count, CancellationToken cancellationToken);

    /// <summary>The channel's report now.</summary>
    Task<PeerChannelReport> GetChannelReportAsync(string label, CancellationToken cancellationToken);

    /// <summary>The first messages the channel kept.</summary>
    Task<IReadOnlyList<PeerMessage>> GetMessagesAsync(string label, CancellationToken cancellationToken);

    /// <summary>Closes the channel.</summary>
    Task CloseDataChannelAsync(string label, CancellationToken cancellationToken);
}
