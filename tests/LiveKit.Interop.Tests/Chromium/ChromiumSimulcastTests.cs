using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Sdp;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// Simulcast receive against Chromium 156 (RFC 8853, RFC 8851, RFC 8852): Chromium sends its fake camera with three
/// encodings, rids q, h and f, as livekit-client does; our <see cref="PeerConnection"/> with
/// <see cref="PeerConnectionOptions.ReceiveSimulcast"/> answers and tells the three layers apart by their rids.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumSimulcastTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] Rids = ["q", "h", "f"];
    private readonly ChromiumBrowser _browser;
    private readonly ITestOutputHelper _output;

    public ChromiumSimulcastTests(ChromiumBrowser browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    [Fact]
    public async Task Simulcast_from_Chromium_arrives_as_three_layers_bound_to_their_rids()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using ChromiumPeer chromium = await _browser.CreatePeerAsync("simulcast-sender", cancellationToken: ct);
        await using var connection = new PeerConnection(new PeerConnectionOptions
        {
            HostAddresses = [IPAddress.Loopback],
            ReceiveSimulcast = true,
        });
        var tracks = new List<RtpTransceiver>();
        connection.TrackReceived += tracks.Add;
        // 1280x720 as livekit-client captures for three layers (at 640x360 it offers only q and h); at 640x360 with three
        // encodings Chromium did not send all three within the timeout here.
        await chromium.AddFakeCameraSimulcastAsync(Rids, 1280, 720, ct);

        var signaling = new ManagedToChromiumSignaling(connection, chromium, ct);
        Task connected = PeerConnectionWaits.WhenConnectedAsync(connection, ct);
        SessionDescriptionInit offer = await chromium.CreateOfferAsync(cancellationToken: ct);
        await connection.SetRemoteDescriptionAsync(offer, ct);
        SessionDescriptionInit answer = await connection.CreateAnswerAsync(ct);
        await connection.SetLocalDescriptionAsync(answer, ct);
        await chromium.SetRemoteDescriptionAsync(answer, ct);
        signaling.ChromiumHasRemoteDescription();
        await connected;
        await signaling.Completion;

        SdpMediaDescription offered = SdpParser.ParseOrNull(offer.Sdp)!.MediaDescriptions.Single(m => m.Kind == "video");
        Assert.Equal(Rids, offered.Rids.Select(r => r.Id));
        Assert.Empty(offered.Ssrcs); // Chromium announces no SSRC for rid-based simulcast: each is learned from its rid.
        Assert.Contains("a=simulcast:recv q;h;f", answer.Sdp, StringComparison.Ordinal);
        RtpReceiver receiver = Assert.Single(tracks).Receiver;
        Assert.Equal(Rids, receiver.Rids);

        // Every layer's packets arrive, each with its rid, on one SSRC per layer.
        var packets = Rids.ToDictionary(r => r, _ => 0);
        var ssrcs = Rids.ToDictionary(r => r, _ => new HashSet<uint>());
        try
        {
            await foreach (ReceivedRtpPacket packet in receiver.ReadAllAsync(ct))
            {
                using (packet)
                {
                    string rid = Assert.IsType<string>(packet.Rid);
                    packets[rid]++;
                    ssrcs[rid].Add(packet.Ssrc);
                }

                if (packets.Values.All(count => count >= 50))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Not every layer arrived before the timeout: {string.Join(", ", packets.Select(p => $"{p.Key}={p.Value}"))} packets; " +
                $"Chromium: {await chromium.GetStatsAsync(CancellationToken.None)}");
        }

        var layerSsrcs = new Dictionary<string, uint>();
        foreach (string rid in Rids)
        {
            Assert.True(receiver.TryGetLayerSsrc(rid, out uint ssrc), $"no SSRC for {rid}");
            Assert.Equal(ssrc, Assert.Single(ssrcs[rid]));
            layerSsrcs[rid] = ssrc;
        }

        Assert.Equal(3, layerSsrcs.Values.Distinct().Count());
        Assert.True(receiver.RequestKeyFrame(layerSsrcs["f"]));

        // Chromium sends the three encodings, on the SSRCs we bound, and our receiver reports reached it for each.
        ChromiumStats stats = await chromium.WaitForStatsAsync(
            s => Rids.All(rid => s.OutboundVideo.Any(o => o.Rid == rid && o.PacketsSent > 0)
                && s.RemoteInbound.Any(r => r.Ssrc == layerSsrcs[rid])),
            ct);
        _output.WriteLine($"Chromium: {stats}");
        _output.WriteLine($"ours: {string.Join(", ", Rids.Select(r => $"{r}={layerSsrcs[r]}: {packets[r]} packets"))}");
        foreach (string rid in Rids)
        {
            OutboundRtpStats outbound = stats.OutboundVideo.Single(o => o.Rid == rid);
            Assert.NotEqual(false, outbound.Active);
            Assert.Equal(layerSsrcs[rid], outbound.Ssrc);
            Assert.Equal("video/VP8", outbound.CodecMimeType);
        }

        PeerConnectionStats ours = connection.GetStats();
        _output.WriteLine($"ours: {ours}");
        Assert.Equal(0, ours.Dropped[PacketDropReason.AuthenticationFailed]);
        Assert.Equal(0, ours.Dropped[PacketDropReason.UnknownSsrc]);
        Assert.Equal(0, ours.Dropped[PacketDropReason.RepairStream]);
    }
}
