using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Pion;
using LiveKit.WebRtc.Tests.Relay;
using Xunit;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>What the data channel tests share: the cases, the message shapes and the pion settings.</summary>
public static class DataChannelPeers
{
    /// <summary>The label of the negotiated channel that gives an offer its <c>m=application</c> section when the
    /// offerer does not open the channel under test itself (both sides create it; nothing is sent on it).</summary>
    public const string BootstrapLabel = "bootstrap";

    /// <summary>The stream id of <see cref="BootstrapLabel"/>.</summary>
    public const ushort BootstrapId = 99;

    /// <summary>Messages each way in the bulk tests with pion and between our own connections.</summary>
    public const int BulkCount = 10_000;

    /// <summary>
    /// Messages each way in the bulk tests with Chromium, as many as with pion: 10,000 of 32 KiB on average (330 MB each
    /// way) take about a minute per DTLS role, bound by the page's thread.
    /// </summary>
    public const int ChromiumBulkCount = 10_000;

    /// <summary>Messages on the lossy channel beside a bulk run.</summary>
    public const int LossyCount = 2_000;

    /// <summary>Who offers: we (the peer answers active, we are the DTLS server) or the peer (we answer active, DTLS client).</summary>
    public static TheoryData<bool> OfferDirections() => new() { true, false };

    /// <summary>pion with data channels only: no audio transceiver.</summary>
    public static PionPeerOptions DataOnlyPion { get; } = new() { SendAudio = false, ReceiveAudio = false };

    /// <summary>Bulk messages from us (or the first peer), 1 byte to <paramref name="maxSize"/>.</summary>
    public static MessageShape BulkOut(int maxSize) => new(0xB0_0001, 1, maxSize);

    /// <summary>Bulk messages to us (or from the second peer).</summary>
    public static MessageShape BulkIn(int maxSize) => new(0xB0_0002, 1, maxSize);

    /// <summary>Lossy-channel messages from us: tagged (the receiver must know which it holds), 4 bytes to 16 KiB.</summary>
    public static MessageShape LossyOut { get; } = new(0x10_0001, 4, 16384, tagged: true);

    /// <summary>Lossy-channel messages to us.</summary>
    public static MessageShape LossyIn { get; } = new(0x10_0002, 4, 16384, tagged: true);

    /// <summary>The init of the unordered channel that never retransmits.</summary>
    public static PeerChannelInit LossyInit { get; } = new() { Ordered = false, MaxRetransmits = 0 };

    /// <summary>Starts a pion peer configured for data channels only (<see cref="DataOnlyPion"/>).</summary>
    public static async Task<PionPeer> StartPionAsync(Action<string> log, CancellationToken cancellationToken)
    {
        PionPeer peer = await PionPeer.StartAsync(log, cancellationToken);
        try
        {
            await peer.ConfigureAsync(DataOnlyPion, cancellationToken);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The buffered amount a sender keeps under in the relay tests: small, so that the two channels' messages are spread
    /// over the whole run (a sender that queues everything at once, with pion's unordered-first queue, finishes the
    /// lossy channel before the first reliable retransmission and the stall measure sees nothing).
    /// </summary>
    public const long RelayHighWater = 32 * 1024;

    /// <summary>Bounds a bulk test (it should take seconds).</summary>
    public static readonly TimeSpan BulkTimeout = TimeSpan.FromMinutes(4);
}
