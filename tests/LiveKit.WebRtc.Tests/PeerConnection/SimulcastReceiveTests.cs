using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Rtcp;
using LiveKit.WebRtc.Rtp;
using LiveKit.WebRtc.Sdp;
using LiveKit.WebRtc.Srtp;
using LiveKit.WebRtc.Tests.Relay;
using Xunit;

namespace LiveKit.WebRtc.Tests.PeerConnection;

/// <summary>
/// Simulcast receive (RFC 8853, RFC 8851, RFC 8852) between two of our connections. Our sender cannot send simulcast, so
/// the offer is rewritten to send three rids without <c>a=ssrc</c> (as livekit-client's is) and the layers' packets are
/// forged with the offerer's real SRTP keys, as Chromium would send them: mid and rid extensions on each SSRC's first
/// packet only.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class SimulcastReceiveTests
{
    private const string MidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";
    private const int RidExtensionId = 10;
    private const int RepairedRidExtensionId = 11;

    private static readonly Layer Q = new("q", 0x1111_0001, FirstSequence: 1000, Lost: [], TimestampStep: 0);
    private static readonly Layer H = new("h", 0x2222_0002, FirstSequence: 2000, Lost: [2004], TimestampStep: 3000);
    private static readonly Layer F = new("f", 0x3333_0003, FirstSequence: 65530, Lost: [65533, 1], TimestampStep: 90000);

    public static TheoryData<bool> ReceiveSimulcastValues() => new() { false, true };

    [Theory]
    [MemberData(nameof(ReceiveSimulcastValues))]
    public async Task A_connection_answers_the_captured_livekit_client_offer_with_rids_only_when_asked(bool receiveSimulcast)
    {
        await using var connection = new WebRtc.PeerConnection(PeerConnectionLink.Loopback() with { ReceiveSimulcast = receiveSimulcast });
        var tracks = new List<RtpTransceiver>();
        connection.TrackReceived += tracks.Add;
        string offer = Sdp.SdpCaptures.Read(Sdp.SdpCaptures.ChromiumOfferWithSimulcastCamera);

        await connection.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, offer));
        SessionDescriptionInit answer = await connection.CreateAnswerAsync();
        await connection.SetLocalDescriptionAsync(answer);

        SdpMediaDescription video = SdpParser.ParseOrNull(answer.Sdp)!.FindByMid("1")!;
        RtpReceiver receiver = Assert.Single(tracks).Receiver;
        string[] simulcastLines = answer.Sdp.Split("\r\n")
            .Where(l => l.StartsWith("a=rid:", StringComparison.Ordinal) || l.StartsWith("a=simulcast:", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(SdpMediaDirection.RecvOnly, video.Direction);
        Assert.Equal(new[] { "96" }, video.Formats);
        if (receiveSimulcast)
        {
            Assert.Equal(new[] { "a=rid:q recv", "a=rid:h recv", "a=rid:f recv", "a=simulcast:recv q;h;f" }, simulcastLines);
            Assert.Equal(new[] { MidUri, RtpStreamIdExtension.Uri, RtpStreamIdExtension.RepairedUri }, video.Extmaps.Select(e => e.Uri));
            Assert.Equal(new[] { 9, 10, 11 }, video.Extmaps.Select(e => e.Id));
            Assert.Equal(new[] { "q", "h", "f" }, receiver.Rids);
        }
        else
        {
            Assert.Empty(simulcastLines);
            Assert.Equal(new[] { MidUri }, video.Extmaps.Select(e => e.Uri));
            Assert.Empty(receiver.Rids);
        }

        Assert.False(receiver.TryGetLayerSsrc("q", out _));
        Assert.Null(receiver.Ssrc);
    }

    [Fact]
    public async Task Three_layers_bind_to_their_rids_and_each_gets_its_own_report_block()
    {
        using var cancellation = new CancellationTokenSource(PeerConnectionLink.Timeout);
        CancellationToken ct = cancellation.Token;
        var fromAnswerer = Channel.CreateUnbounded<byte[]>();
        await using var relay = LossyUdpRelay.Start(new LossyUdpRelayOptions
        {
            Observer = (fromA, datagram) =>
            {
                if (!fromA && PacketClassifier.Classify(datagram) == PacketClass.RtpOrRtcp && RtcpMux.IsRtcp(datagram))
                {
                    fromAnswerer.Writer.TryWrite(datagram);
                }
            },
        });
        PeerConnectionOptions answererOptions = RelayedPeerConnections.Options(2) with
        {
            ReceiveSimulcast = true,
            RtcpReportInterval = TimeSpan.FromMilliseconds(50),
        };
        await using var pair = new RelayedPeerConnections(relay, answererOptions: answererOptions);
        pair.Offerer.AddTransceiver(MediaKind.Video, SdpMediaDirection.SendOnly);
        await pair.ConnectAsync(ct, SendSimulcast);

        WebRtc.PeerConnection answerer = pair.Answerer;
        RtpTransceiver answered = Assert.Single(answerer.Transceivers);
        RtpReceiver receiver = answered.Receiver;
        Assert.Equal(new[] { "q", "h", "f" }, receiver.Rids);
        Assert.Equal(RidExtensionId, answered.RidExtensionId);
        Assert.Null(receiver.Ssrc);

        // What the offerer would send: the three layers interleaved, then a sender report about layer h only.
        using SrtpContext forger = answerer.DtlsResult!.KeyingMaterial.CreateOutboundContext(isDtlsClient: false);
        var forge = new LayerForger(forger, (byte)receiver.Codecs[0].PayloadType, answered.MidExtensionId!.Value, answered.Mid!);
        for (int i = 0; i < 10; i++)
        {
            foreach (Layer layer in new[] { Q, H, F })
            {
                if (layer.Sends(i))
                {
                    answerer.OnDatagram(forge.Rtp(layer, i), PacketClass.RtpOrRtcp);
                }
            }
        }

        const ulong ntp = 0x0123_4567_89AB_CDEF;
        answerer.OnDatagram(forge.SenderReport(H.Ssrc, ntp), PacketClass.RtpOrRtcp);

        // Each SSRC is bound to the rid of its first packet, and every packet carries its layer.
        var received = new Dictionary<string, List<ushort>> { ["q"] = new(), ["h"] = new(), ["f"] = new() };
        int expected = new[] { Q, H, F }.Sum(l => l.PacketCount);
        await foreach (ReceivedRtpPacket packet in receiver.ReadAllAsync(ct))
        {
            using (packet)
            {
                Layer layer = new[] { Q, H, F }.Single(l => l.Ssrc == packet.Ssrc);
                Assert.Equal(layer.Rid, packet.Rid);
                received[packet.Rid!].Add(packet.SequenceNumber);
            }

            if (--expected == 0)
            {
                break;
            }
        }

        foreach (Layer layer in new[] { Q, H, F })
        {
            Assert.Equal(Enumerable.Range(0, 10).Where(layer.Sends).Select(layer.Sequence), received[layer.Rid]);
            Assert.True(receiver.TryGetLayerSsrc(layer.Rid, out uint ssrc));
            Assert.Equal(layer.Ssrc, ssrc);
        }

        Assert.Equal(Q.Ssrc, receiver.Ssrc); // The first SSRC seen.
        Assert.Equal(0, answerer.GetStats().Dropped.Values.Sum());

        // A receiver report with one block per layer: its own extended highest sequence, loss, jitter and LSR.
        using SrtpContext opener = answerer.DtlsResult!.KeyingMaterial.CreateInboundContext(isDtlsClient: false);
        byte[] report = await ReadUntilAsync(fromAnswerer.Reader, opener, ct, compound =>
            ReceiverReportBlocks(compound) is { Length: 3 } found
            && found.Single(b => b.Ssrc == F.Ssrc).ExtendedHighestSequenceNumber == 65536 + 3
            && found.Single(b => b.Ssrc == H.Ssrc).LastSenderReport != 0);
        ReportBlock[] blocks = ReceiverReportBlocks(report)!;
        ReportBlock q = blocks.Single(b => b.Ssrc == Q.Ssrc);
        ReportBlock h = blocks.Single(b => b.Ssrc == H.Ssrc);
        ReportBlock f = blocks.Single(b => b.Ssrc == F.Ssrc);
        Assert.Equal((1009u, 0), (q.ExtendedHighestSequenceNumber, q.CumulativeLost));
        Assert.Equal((2009u, 1), (h.ExtendedHighestSequenceNumber, h.CumulativeLost));
        Assert.Equal((65539u, 2), (f.ExtendedHighestSequenceNumber, f.CumulativeLost)); // Wrapped once (RFC 3550 A.1).
        Assert.True(q.Jitter < 5000, $"q: one frame's timestamp, arriving at once: jitter {q.Jitter}");
        Assert.True(f.Jitter > 20000, $"f: a second of timestamps per packet, arriving at once: jitter {f.Jitter}");
        Assert.Equal(0x4567_89ABu, h.LastSenderReport); // The middle 32 bits of the SR's NTP time (RFC 3550 §6.4.1).
        Assert.Equal(0u, q.LastSenderReport);
        Assert.Equal(0u, f.LastSenderReport);

        // Feedback addressed to one layer.
        Assert.True(receiver.RequestKeyFrame(H.Ssrc));
        byte[] pli = await ReadUntilAsync(fromAnswerer.Reader, opener, ct, compound =>
            FeedbackMediaSsrc(compound, RtcpPacketType.PayloadSpecificFeedback, RtcpPacketType.FormatPictureLossIndication) is not null);
        Assert.Equal(H.Ssrc, FeedbackMediaSsrc(pli, RtcpPacketType.PayloadSpecificFeedback, RtcpPacketType.FormatPictureLossIndication));
        Assert.True(receiver.RequestRetransmission(F.Ssrc, new ushort[] { 65533, 1 }));
        byte[] nack = await ReadUntilAsync(fromAnswerer.Reader, opener, ct, compound =>
            FeedbackMediaSsrc(compound, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatGenericNack) is not null);
        Assert.Equal(F.Ssrc, FeedbackMediaSsrc(nack, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatGenericNack));
        Assert.False(receiver.RequestKeyFrame(0x4444_0004));
        Assert.False(receiver.RequestRetransmission(0x4444_0004, new ushort[] { 1 }));
    }

    [Fact]
    public async Task Repair_streams_and_unknown_rids_are_dropped_and_counted()
    {
        PeerConnectionOptions answererOptions = PeerConnectionLink.Loopback(2) with { ReceiveSimulcast = true };
        await using var link = new PeerConnectionLink(answererOptions: answererOptions);
        link.Offerer.AddTransceiver(MediaKind.Video, SdpMediaDirection.SendOnly);
        await link.NegotiateAsync(rewriteOffer: SendSimulcast);
        await link.WhenBothAsync(PeerConnectionState.Connected);
        WebRtc.PeerConnection answerer = link.Answerer;
        RtpTransceiver answered = Assert.Single(answerer.Transceivers);
        using SrtpContext forger = answerer.DtlsResult!.KeyingMaterial.CreateOutboundContext(isDtlsClient: false);
        var forge = new LayerForger(forger, (byte)answered.Receiver.Codecs[0].PayloadType, answered.MidExtensionId!.Value, answered.Mid!);

        // RTX for layer q (RFC 8852's repaired-rtp-stream-id; retransmission is not negotiated), a rid never offered.
        answerer.OnDatagram(forge.Rtp(0x4444_0004, 1, (RepairedRidExtensionId, "q")), PacketClass.RtpOrRtcp);
        answerer.OnDatagram(forge.Rtp(0x4444_0004, 2, (RepairedRidExtensionId, "q")), PacketClass.RtpOrRtcp);
        answerer.OnDatagram(forge.Rtp(0x5555_0005, 1, (RidExtensionId, "x")), PacketClass.RtpOrRtcp);
        answerer.OnDatagram(forge.Rtp(Q, 0), PacketClass.RtpOrRtcp);

        IReadOnlyDictionary<PacketDropReason, long> dropped = answerer.GetStats().Dropped;
        Assert.Equal(2, dropped[PacketDropReason.RepairStream]);
        Assert.Equal(1, dropped[PacketDropReason.UnknownSsrc]);
        Assert.Equal(1, answered.Receiver.PacketsReceived);
        Assert.True(answered.Receiver.Packets.TryRead(out ReceivedRtpPacket? packet));
        using (packet)
        {
            Assert.Equal((Q.Ssrc, "q"), (packet.Ssrc, packet.Rid));
        }

        Assert.False(answered.Receiver.TryGetLayerSsrc("x", out _));
        Assert.False(answered.Receiver.TryGetLayerSsrc("h", out _));
    }

    [Fact]
    public async Task A_layer_packet_allocates_nothing_once_packets_are_recycled()
    {
        PeerConnectionOptions answererOptions = PeerConnectionLink.Loopback(2) with { ReceiveSimulcast = true };
        await using var link = new PeerConnectionLink(answererOptions: answererOptions);
        link.Offerer.AddTransceiver(MediaKind.Video, SdpMediaDirection.SendOnly);
        await link.NegotiateAsync(rewriteOffer: SendSimulcast);
        await link.WhenBothAsync(PeerConnectionState.Connected);
        WebRtc.PeerConnection answerer = link.Answerer;
        RtpTransceiver answered = Assert.Single(answerer.Transceivers);
        using SrtpContext forger = answerer.DtlsResult!.KeyingMaterial.CreateOutboundContext(isDtlsClient: false);
        var forge = new LayerForger(forger, (byte)answered.Receiver.Codecs[0].PayloadType, answered.MidExtensionId!.Value, answered.Mid!);
        const int PerLayer = 200;
        const int Windows = 5;
        byte[][] datagrams = new byte[(Windows + 1) * PerLayer * 3][];
        for (int i = 0; i < datagrams.Length; i++)
        {
            Layer layer = new[] { Q, H, F }[i % 3];
            datagrams[i] = forge.Rtp(layer.Ssrc, unchecked((ushort)(layer.FirstSequence + (i / 3))), withMid: i < 3);
        }

        // The first window binds the layers and warms up; then some window of 600 packets allocates nothing (the runtime
        // may allocate once on this thread while methods tier up): the queue is full after 512, the oldest packets are
        // disposed and their objects carry the next packets.
        int next = 0;
        long fewest = long.MaxValue;
        for (int window = 0; window <= Windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < PerLayer * 3; i++)
            {
                answerer.OnDatagram(datagrams[next++], PacketClass.RtpOrRtcp);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (window > 0)
            {
                fewest = Math.Min(fewest, allocated);
            }
        }

        Assert.Equal(0, fewest);
        Assert.Equal(datagrams.Length, answered.Receiver.PacketsReceived);
        Assert.True(answered.Receiver.TryGetLayerSsrc("f", out uint f));
        Assert.Equal(F.Ssrc, f);
    }

    [Fact]
    public async Task Without_receive_simulcast_packets_with_rids_are_one_stream_without_layers()
    {
        await using var link = new PeerConnectionLink();
        link.Offerer.AddTransceiver(MediaKind.Video, SdpMediaDirection.SendOnly);
        SessionDescriptionInit? answer = null;
        await link.NegotiateAsync(rewriteOffer: SendSimulcast, rewriteAnswer: a => (answer = new SessionDescriptionInit(SdpType.Answer, a)).Sdp);
        await link.WhenBothAsync(PeerConnectionState.Connected);
        WebRtc.PeerConnection answerer = link.Answerer;
        RtpTransceiver answered = Assert.Single(answerer.Transceivers);
        using SrtpContext forger = answerer.DtlsResult!.KeyingMaterial.CreateOutboundContext(isDtlsClient: false);
        var forge = new LayerForger(forger, (byte)answered.Receiver.Codecs[0].PayloadType, answered.MidExtensionId!.Value, answered.Mid!);

        answerer.OnDatagram(forge.Rtp(Q, 0), PacketClass.RtpOrRtcp);
        answerer.OnDatagram(forge.Rtp(H, 0), PacketClass.RtpOrRtcp);

        Assert.DoesNotContain("a=rid:", answer!.Sdp, StringComparison.Ordinal);
        Assert.DoesNotContain(RtpStreamIdExtension.Uri, answer.Sdp, StringComparison.Ordinal);
        Assert.Empty(answered.Receiver.Rids);
        Assert.Null(answered.RidExtensionId);
        Assert.Equal(2, answered.Receiver.PacketsReceived);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(answered.Receiver.Packets.TryRead(out ReceivedRtpPacket? packet));
            using (packet)
            {
                Assert.Null(packet.Rid);
            }
        }

        Assert.False(answered.Receiver.TryGetLayerSsrc("q", out _));
        Assert.Equal(Q.Ssrc, answered.Receiver.Ssrc);
    }

    /// <summary>
    /// Makes our one-stream video offer look like livekit-client's simulcast one: the rid extensions beside the mid one,
    /// three send rids with <c>a=simulcast:send q;h;f</c>, and no <c>a=ssrc</c> lines.
    /// </summary>
    internal static string SendSimulcast(string offer)
    {
        List<string> lines = offer.Split("\r\n").Where(l => !l.StartsWith("a=ssrc", StringComparison.Ordinal)).ToList();
        int mid = lines.FindIndex(l => l.StartsWith("a=extmap:", StringComparison.Ordinal) && l.EndsWith(" " + MidUri, StringComparison.Ordinal));
        Assert.True(mid > 0);
        lines.Insert(mid + 1, $"a=extmap:{RidExtensionId} {RtpStreamIdExtension.Uri}");
        lines.Insert(mid + 2, $"a=extmap:{RepairedRidExtensionId} {RtpStreamIdExtension.RepairedUri}");
        Assert.Equal("", lines[^1]); // The offer ends with CRLF; the video section is its last.
        lines.InsertRange(lines.Count - 1, ["a=rid:q send", "a=rid:h send", "a=rid:f send", "a=simulcast:send q;h;f"]);
        return string.Join("\r\n", lines);
    }

    /// <summary>Reads the peer's RTCP and returns the first compound packet, decrypted, that <paramref name="accept"/> takes.</summary>
    private static async Task<byte[]> ReadUntilAsync(ChannelReader<byte[]> datagrams, SrtpContext opener, CancellationToken ct, Func<byte[], bool> accept)
    {
        while (true)
        {
            byte[] datagram = await datagrams.ReadAsync(ct);
            if (opener.UnprotectRtcp(datagram, out int length) == SrtpStatus.Ok && accept(datagram[..length]))
            {
                return datagram[..length];
            }
        }
    }

    private static ReportBlock[]? ReceiverReportBlocks(byte[] compound)
    {
        foreach (RtcpPacketView view in new RtcpCompoundEnumerator(compound))
        {
            if (view.Header.PacketType == RtcpPacketType.ReceiverReport && ReceiverReport.TryParse(view.Packet, out ReceiverReport report))
            {
                var blocks = new ReportBlock[report.Reports.Count];
                for (int i = 0; i < blocks.Length; i++)
                {
                    blocks[i] = report.Reports[i];
                }

                return blocks;
            }
        }

        return null;
    }

    private static uint? FeedbackMediaSsrc(byte[] compound, byte packetType, int format)
    {
        foreach (RtcpPacketView view in new RtcpCompoundEnumerator(compound))
        {
            if (view.Header.PacketType == packetType && view.Header.Count == format)
            {
                return packetType == RtcpPacketType.TransportFeedback
                    ? GenericNack.TryParse(view.Packet, out GenericNack nack) ? nack.MediaSsrc : null
                    : PictureLossIndication.TryParse(view.Packet, out PictureLossIndication pli) ? pli.MediaSsrc : null;
            }
        }

        return null;
    }

    /// <summary>One simulcast layer as the test sends it: packets 0 to 9 from <paramref name="FirstSequence"/>, less the lost ones.</summary>
    private sealed record Layer(string Rid, uint Ssrc, ushort FirstSequence, ushort[] Lost, uint TimestampStep)
    {
        public ushort Sequence(int index) => unchecked((ushort)(FirstSequence + index));

        public bool Sends(int index) => !Lost.Contains(Sequence(index));

        public int PacketCount => 10 - Lost.Length;
    }

    /// <summary>Builds SRTP and SRTCP packets under the offerer's keys, the first of each SSRC with the mid and rid extensions.</summary>
    private sealed class LayerForger(SrtpContext context, byte payloadType, int midExtensionId, string mid)
    {
        private readonly HashSet<uint> _started = new();

        /// <summary>Packet <paramref name="index"/> of a layer; the layer's first packet carries the mid and its rid.</summary>
        public byte[] Rtp(Layer layer, int index)
        {
            bool first = _started.Add(layer.Ssrc);
            return Build(layer.Ssrc, layer.Sequence(index), (uint)index * layer.TimestampStep, first, first ? [(RidExtensionId, layer.Rid)] : []);
        }

        /// <summary>A packet with the mid and the given extensions.</summary>
        public byte[] Rtp(uint ssrc, ushort sequence, params (int Id, string Value)[] extensions) => Build(ssrc, sequence, 0, true, extensions);

        /// <summary>A packet of a layer's SSRC, with the mid and the layer's rid or with no extension at all.</summary>
        public byte[] Rtp(uint ssrc, ushort sequence, bool withMid) => Build(
            ssrc, sequence, 0, withMid, withMid ? [(RidExtensionId, new[] { Q, H, F }.Single(l => l.Ssrc == ssrc).Rid)] : []);

        public byte[] SenderReport(uint ssrc, ulong ntp)
        {
            byte[] buffer = new byte[64];
            Assert.True(new SenderReport(ssrc, ntp, 90000, 10, 1000, default).TryWrite(buffer, out int length));
            Assert.Equal(SrtpStatus.Ok, context.ProtectRtcp(buffer, length, out int protectedLength));
            return buffer[..protectedLength];
        }

        private byte[] Build(uint ssrc, ushort sequence, uint timestamp, bool withMid, (int Id, string Value)[] extensions)
        {
            byte[] buffer = new byte[256];
            var header = new RtpHeader { PayloadType = payloadType, SequenceNumber = sequence, Timestamp = timestamp, Ssrc = ssrc };
            var writer = new RtpPacketWriter(buffer.AsSpan(0, 200), header, ReadOnlySpan<uint>.Empty, withMid ? RtpExtensionForm.OneByte : RtpExtensionForm.None);
            if (withMid)
            {
                Assert.True(writer.TryAddExtension(midExtensionId, Encoding.ASCII.GetBytes(mid)));
                foreach ((int id, string value) in extensions)
                {
                    Assert.True(writer.TryAddExtension(id, Encoding.ASCII.GetBytes(value)));
                }
            }

            Assert.True(writer.TryComplete(new byte[] { 0x90, (byte)sequence, 0x42 }, 0, out int length));
            Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(buffer, length, out int protectedLength));
            return buffer[..protectedLength];
        }
    }
}
