using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Sdp;
using Xunit;

namespace LiveKit.WebRtc.Tests.PeerConnection;

[Collection(RealTimeCollection.Name)]
public class PeerConnectionTests
{
    [Fact]
    public async Task Audio_flows_both_ways_with_continuous_sequence_numbers()
    {
        await using var link = new PeerConnectionLink();
        RtpTransceiver offered = link.Offerer.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        var tracks = new List<RtpTransceiver>();
        link.Answerer.TrackReceived += tracks.Add;
        link.Answerer.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);

        await link.NegotiateAsync();
        await link.WhenBothAsync(PeerConnectionState.Connected);

        RtpTransceiver answered = Assert.Single(link.Answerer.Transceivers);
        Assert.Same(answered, Assert.Single(tracks));
        Assert.Equal(offered.Sender.TrackId, answered.Receiver.TrackId);
        Assert.Equal(new[] { offered.Sender.StreamId }, answered.Receiver.StreamIds);
        Assert.Equal(111, offered.Sender.Codec!.PayloadType);

        await SendAndReceiveAsync(offered.Sender, answered.Receiver, 50);
        await SendAndReceiveAsync(answered.Sender, offered.Receiver, 50);

        PeerConnectionStats stats = link.Answerer.GetStats();
        Assert.Equal(50, stats.PacketsSent);
        Assert.Equal(50, stats.PacketsReceived);
        Assert.All(stats.Dropped.Values, count => Assert.Equal(0, count));
        Assert.Equal(WebRtc.Srtp.SrtpProtectionProfile.AeadAes128Gcm, stats.SrtpProfile); // Both sides offer GCM first.
        Assert.Equal("client", stats.DtlsRole);
        Assert.Equal("server", link.Offerer.GetStats().DtlsRole);
    }

    [Fact]
    public async Task A_nacked_packet_is_sent_again_from_the_history_with_its_own_sequence_number()
    {
        await using var link = new PeerConnectionLink();
        RtpTransceiver offered = link.Offerer.AddTransceiver(MediaKind.Video, SdpMediaDirection.SendOnly);
        offered.Sender.EnableRetransmission(8);
        await link.NegotiateAsync();
        await link.WhenBothAsync(PeerConnectionState.Connected);
        RtpTransceiver answered = Assert.Single(link.Answerer.Transceivers);
        var nacked = new TaskCompletionSource<RtcpFeedbackMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        offered.Sender.FeedbackReceived += feedback =>
        {
            if (feedback.Kind == RtcpFeedbackKind.Nack)
            {
                nacked.TrySetResult(feedback);
            }
        };

        for (int i = 0; i < 3; i++)
        {
            Assert.True(offered.Sender.SendRtp(new byte[] { 10, (byte)i }, (uint)(i * 3000), marker: true));
        }

        using var cancellation = new CancellationTokenSource(PeerConnectionLink.Timeout);
        var received = new List<ushort>();
        await foreach (ReceivedRtpPacket packet in answered.Receiver.ReadAllAsync(cancellation.Token))
        {
            using (packet)
            {
                received.Add(packet.SequenceNumber);
            }

            if (received.Count == 3)
            {
                break;
            }
        }

        // The receiver asks for the second packet; the sender's history still has it, not one 100 older.
        Assert.True(answered.Receiver.RequestRetransmission(new[] { received[1] }));
        RtcpFeedbackMessage nack = await nacked.Task.WaitAsync(cancellation.Token);
        Assert.Equal([received[1]], nack.LostSequenceNumbers);
        long sentBefore = link.Offerer.GetStats().PacketsSent;
        Assert.True(offered.Sender.Retransmit(received[1]));
        Assert.False(offered.Sender.Retransmit((ushort)(received[0] - 100)));

        // It goes out again with its own sequence number and SRTP index (a receiver that had it drops the copy as a
        // replay, RFC 3711 §3.3.2; one that lost it takes it).
        Assert.Equal(sentBefore + 1, link.Offerer.GetStats().PacketsSent);
        Assert.Equal(1, offered.Sender.PacketsRetransmitted);
    }

    [Fact]
    public async Task Forwarded_packets_keep_the_given_sequence_numbers_and_carry_the_audio_level()
    {
        await using var link = new PeerConnectionLink();
        RtpTransceiver offered = link.Offerer.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendOnly);
        await link.NegotiateAsync();
        await link.WhenBothAsync(PeerConnectionState.Connected);
        RtpTransceiver answered = Assert.Single(link.Answerer.Transceivers);
        int levelId = Assert.IsType<int>(answered.AudioLevelExtensionId);

        // A forwarder's numbering with a gap (a loss upstream stays visible), and RFC 6464 bytes carried over.
        ushort[] sequence = { 65534, 65535, 2 };
        for (int i = 0; i < sequence.Length; i++)
        {
            Assert.True(offered.Sender.ForwardRtp(new byte[] { (byte)i }, (uint)(i * 960), false, sequence[i], (byte)(0x80 | (20 + i))));
        }

        using var cancellation = new CancellationTokenSource(PeerConnectionLink.Timeout);
        int index = 0;
        await foreach (ReceivedRtpPacket packet in answered.Receiver.ReadAllAsync(cancellation.Token))
        {
            using (packet)
            {
                Assert.Equal(sequence[index], packet.SequenceNumber);
                Assert.True(packet.TryGetExtension(levelId, out ReadOnlySpan<byte> level));
                Assert.Equal(0x80 | (20 + index), level[0]);
            }

            if (++index == sequence.Length)
            {
                break;
            }
        }
    }

    [Fact]
    public async Task Answerer_can_take_the_server_role()
    {
        PeerConnectionOptions passive = PeerConnectionLink.Loopback(2) with { AnswerSetupRole = SdpSetupRole.Passive };
        await using var link = new PeerConnectionLink(answererOptions: passive);
        RtpTransceiver offered = link.Offerer.AddTransceiver(MediaKind.Video, SdpMediaDirection.SendOnly);

        await link.NegotiateAsync();
        await link.WhenBothAsync(PeerConnectionState.Connected);

        Assert.Equal("client", link.Offerer.GetStats().DtlsRole);
        Assert.Equal("server", link.Answerer.GetStats().DtlsRole);
        RtpTransceiver answered = Assert.Single(link.Answerer.Transceivers);
        Assert.Equal(SdpMediaDirection.RecvOnly, answered.CurrentDirection);
        Assert.Null(answered.Sender.Codec);
        await SendAndReceiveAsync(offered.Sender, answered.Receiver, 20);
    }

    [Fact]
    public async Task Picture_loss_request_reaches_the_sender()
    {
        await using var link = new PeerConnectionLink();
        RtpTransceiver offered = link.Offerer.AddTransceiver(MediaKind.Video, SdpMediaDirection.SendOnly);
        await link.NegotiateAsync();
        await link.WhenBothAsync(PeerConnectionState.Connected);
        RtpTransceiver answered = Assert.Single(link.Answerer.Transceivers);
        await SendAndReceiveAsync(offered.Sender, answered.Receiver, 1);

        var feedback = new TaskCompletionSource<RtcpFeedbackMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        offered.Sender.FeedbackReceived += m => feedback.TrySetResult(m);
        Assert.True(answered.Receiver.RequestKeyFrame());

        RtcpFeedbackMessage message = await feedback.Task.WaitAsync(PeerConnectionLink.Timeout);
        Assert.Equal(RtcpFeedbackKind.PictureLoss, message.Kind);
        Assert.Equal(offered.Sender.Ssrc, message.MediaSsrc);
    }

    [Fact]
    public async Task A_tampered_fingerprint_fails_the_connection_with_the_fingerprint_error()
    {
        await using var link = new PeerConnectionLink();
        RtpTransceiver offered = link.Offerer.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);

        await link.NegotiateAsync(rewriteAnswer: TamperFingerprint);
        await PeerConnectionLink.WhenAsync(link.Offerer, PeerConnectionState.Failed).WaitAsync(PeerConnectionLink.Timeout);

        DtlsFingerprintMismatchException error = Assert.IsType<DtlsFingerprintMismatchException>(link.Offerer.FailureReason);
        Assert.Contains("fingerprint", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(offered.Sender.SendRtp(new byte[] { 1, 2, 3 }, 960, false));
        Assert.Equal(0, link.Offerer.GetStats().PacketsSent);
    }

    [Fact]
    public async Task Bad_descriptions_are_refused_with_clear_errors_and_change_nothing()
    {
        await using var connection = new WebRtc.PeerConnection(PeerConnectionLink.Loopback());
        ArgumentException notSdp = await Assert.ThrowsAsync<ArgumentException>(
            () => connection.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, "hello")));
        Assert.Contains("not valid SDP", notSdp.Message);

        string noFingerprint = string.Join("\r\n", ChromiumOffer().Split("\r\n").Where(l => !l.StartsWith("a=fingerprint", StringComparison.Ordinal)));
        ArgumentException fingerprint = await Assert.ThrowsAsync<ArgumentException>(
            () => connection.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, noFingerprint)));
        Assert.Contains("a=fingerprint", fingerprint.Message);

        InvalidOperationException answerFirst = await Assert.ThrowsAsync<InvalidOperationException>(
            () => connection.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Answer, ChromiumOffer())));
        Assert.Contains("remote answer in signaling state Stable", answerFirst.Message);

        Assert.Equal(SignalingState.Stable, connection.SignalingState);
        Assert.Empty(connection.Transceivers);
        Assert.Throws<ArgumentException>(() => connection.AddIceCandidate(new WebRtc.Ice.IceCandidateInit("candidate:garbage", "0", 0, null)));
    }

    public static TheoryData<string> CapturedOffers()
    {
        var names = new TheoryData<string>();
        foreach (string name in Sdp.SdpCaptures.Names.Where(n => n.Contains("offer", StringComparison.Ordinal)))
        {
            names.Add(name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CapturedOffers))]
    public async Task Captured_offers_are_answered_with_only_what_we_support(string name)
    {
        string offerText = Sdp.SdpCaptures.Read(name);
        SessionDescription offer = SdpParser.ParseOrNull(offerText)!;
        await using var connection = new WebRtc.PeerConnection(PeerConnectionLink.Loopback());
        RtpTransceiver ours = connection.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        var tracks = new List<RtpTransceiver>();
        connection.TrackReceived += tracks.Add;

        await connection.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, offerText));
        SessionDescriptionInit answer = await connection.CreateAnswerAsync();
        await connection.SetLocalDescriptionAsync(answer);

        SessionDescription parsed = SdpParser.ParseOrNull(answer.Sdp)!;
        Assert.Equal(offer.MediaDescriptions.Select(m => m.Mid), parsed.MediaDescriptions.Select(m => m.Mid));
        for (int i = 0; i < offer.MediaDescriptions.Count; i++)
        {
            SdpMediaDescription offered = offer.MediaDescriptions[i];
            SdpMediaDescription answered = parsed.MediaDescriptions[i];
            if (offered.IsRejected)
            {
                Assert.True(answered.IsRejected);
                continue;
            }

            if (offered.Kind == "application")
            {
                // RFC 8841: the data channel section is accepted with our SCTP port and message size limit.
                Assert.False(answered.IsRejected);
                Assert.Equal(["webrtc-datachannel"], answered.Formats);
                Assert.Equal(5000, answered.SctpPort);
                Assert.Equal(262144UL, answered.MaxMessageSize);
                continue;
            }

            string codec = offered.Kind == "audio" ? "opus" : "VP8";
            int payloadType = offered.RtpMaps.First(m => m.EncodingName == codec).PayloadType;
            Assert.Equal(new[] { SdpText.Format(payloadType) }, answered.Formats);
            Assert.Equal(SdpSetupRole.Active, answered.Setup);
            if (answered.Direction.Sends())
            {
                Assert.Equal(ours.Sender.TrackId, answered.Msids.Single().TrackId);
                Assert.Contains(answered.Ssrcs, s => s.Ssrc == ours.Sender.Ssrc && s.Attribute == "cname");
            }
        }

        // The server's forwarded tracks carry msid "PA_sid|TR_sid TR_sid": the receiver exposes both parts.
        foreach (RtpTransceiver track in tracks)
        {
            SdpMediaDescription section = offer.FindByMid(track.Mid!)!;
            Assert.Equal(section.Msids.Single().TrackId, track.Receiver.TrackId);
            string streamId = section.Msids.Single().StreamId;
            Assert.Equal(streamId == "-" ? Array.Empty<string>() : new[] { streamId }, track.Receiver.StreamIds); // RFC 8830 §2: "-" is no stream.
        }

        Assert.Equal(offer.MediaDescriptions.Count(m => m.Kind is "audio" or "video" && m.Direction.Sends() && m.Msids.Count > 0), tracks.Count);
        Assert.Equal(SignalingState.Stable, connection.SignalingState);
    }

    [Fact]
    public async Task Renegotiation_adds_a_track_without_restarting_the_transport()
    {
        await using var link = new PeerConnectionLink();
        link.Offerer.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendOnly);
        await link.NegotiateAsync();
        await link.WhenBothAsync(PeerConnectionState.Connected);

        var tracks = new List<RtpTransceiver>();
        link.Answerer.TrackReceived += tracks.Add;
        RtpTransceiver video = link.Offerer.AddTransceiver(MediaKind.Video, SdpMediaDirection.SendOnly);
        await link.NegotiateAsync();

        Assert.Equal(new[] { "0", "1" }, link.Answerer.Transceivers.Select(t => t.Mid));
        RtpTransceiver received = Assert.Single(tracks);
        Assert.Equal(MediaKind.Video, received.Kind);
        Assert.Equal(PeerConnectionState.Connected, link.Offerer.ConnectionState);
        await SendAndReceiveAsync(video.Sender, received.Receiver, 10);
    }

    [Fact]
    public async Task Server_reflexive_candidates_trickle_before_end_of_candidates()
    {
        await using var stun = new Ice.StunTestServer { MappedPortOffset = 7 };
        await using var connection = new WebRtc.PeerConnection(PeerConnectionLink.Loopback() with { StunServers = new[] { stun.EndPoint } });
        connection.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        var gathered = new List<WebRtc.Ice.IceCandidateInit>();
        var complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.IceCandidateGathered += c =>
        {
            lock (gathered)
            {
                gathered.Add(c);
            }

            if (c.IsEndOfCandidates)
            {
                complete.TrySetResult();
            }
        };

        await connection.SetLocalDescriptionAsync(await connection.CreateOfferAsync());
        Assert.Contains(gathered, c => c.Candidate.Contains("typ host", StringComparison.Ordinal)); // Before SLD returned.
        await complete.Task.WaitAsync(PeerConnectionLink.Timeout);

        Assert.Equal(3, gathered.Count);
        Assert.Contains(" typ srflx raddr 127.0.0.1 ", gathered[1].Candidate);
        Assert.True(gathered[2].IsEndOfCandidates);
        Assert.All(gathered, c => Assert.Equal("0", c.SdpMid));
    }

    [Fact]
    public async Task Bad_packets_are_dropped_and_counted_by_reason()
    {
        await using var link = new PeerConnectionLink();
        link.Offerer.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        await link.NegotiateAsync();
        await link.WhenBothAsync(PeerConnectionState.Connected);
        WebRtc.PeerConnection answerer = link.Answerer;

        // A packet the offerer could have sent (its keys), for an SSRC nobody announced.
        using var forger = answerer.DtlsResult!.KeyingMaterial.CreateOutboundContext(isDtlsClient: false);
        byte[] packet = new byte[12 + 20 + 16];
        packet[0] = 0x80;
        packet[1] = 99;
        packet[11] = 7; // SSRC 7
        Assert.Equal(WebRtc.Srtp.SrtpStatus.Ok, forger.ProtectRtp(packet, 32, out int length));
        byte[] unknownSsrc = packet[..length];

        // The next sequence number (a fresh index, so the replay check passes), one payload bit flipped.
        Array.Clear(packet);
        packet[0] = 0x80;
        packet[1] = 99;
        packet[3] = 1;
        packet[11] = 7;
        Assert.Equal(WebRtc.Srtp.SrtpStatus.Ok, forger.ProtectRtp(packet, 32, out length));
        byte[] tampered = packet[..length];
        tampered[20] ^= 1;

        answerer.OnDatagram(unknownSsrc, WebRtc.Ice.PacketClass.RtpOrRtcp);
        answerer.OnDatagram(unknownSsrc, WebRtc.Ice.PacketClass.RtpOrRtcp); // The same index again.
        answerer.OnDatagram(tampered, WebRtc.Ice.PacketClass.RtpOrRtcp);
        answerer.OnDatagram(new byte[] { 0x80, 0x00, 0x01 }, WebRtc.Ice.PacketClass.RtpOrRtcp);

        IReadOnlyDictionary<PacketDropReason, long> dropped = answerer.GetStats().Dropped;
        Assert.Equal(1, dropped[PacketDropReason.UnknownSsrc]);
        Assert.Equal(1, dropped[PacketDropReason.Replayed]);
        Assert.Equal(1, dropped[PacketDropReason.AuthenticationFailed]);
        Assert.Equal(1, dropped[PacketDropReason.Malformed]);
        Assert.Equal(0, answerer.GetStats().PacketsReceived);
    }

    [Fact]
    public async Task Mutated_srtp_and_srtcp_never_escape_the_receive_path_and_media_still_flows()
    {
        await using var link = new PeerConnectionLink();
        RtpTransceiver offered = link.Offerer.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        await link.NegotiateAsync();
        await link.WhenBothAsync(PeerConnectionState.Connected);
        WebRtc.PeerConnection answerer = link.Answerer;

        // Seeds: a real SRTP packet and a real SRTCP compound (SR + SDES) under the offerer's keys.
        using var forger = answerer.DtlsResult!.KeyingMaterial.CreateOutboundContext(isDtlsClient: false);
        byte[] rtp = new byte[12 + 160 + 16];
        rtp[0] = 0x80;
        rtp[1] = 99; // Not negotiated: the authentic seed is dropped as unknown, so it cannot reach the receiver.
        Assert.Equal(WebRtc.Srtp.SrtpStatus.Ok, forger.ProtectRtp(rtp, 172, out int rtpLength));
        byte[] rtcp = new byte[64];
        Assert.True(new WebRtc.Rtcp.SenderReport(offered.Sender.Ssrc, 1, 2, 3, 4, default).TryWrite(rtcp, out int srLength));
        Assert.Equal(WebRtc.Srtp.SrtpStatus.Ok, forger.ProtectRtcp(rtcp, srLength, out int rtcpLength));

        var fuzzer = new Rtp.MutationFuzzer(8445, rtp[..rtpLength], rtcp[..rtcpLength]);
        int inputs = fuzzer.Run(20_000, input =>
        {
            answerer.OnDatagram(input, WebRtc.Ice.PacketClass.RtpOrRtcp);
            return true;
        });

        Assert.Equal(20_000, inputs);
        Assert.True(answerer.GetStats().Dropped.Values.Sum() > 0);
        RtpTransceiver answered = Assert.Single(answerer.Transceivers);
        await SendAndReceiveAsync(offered.Sender, answered.Receiver, 5);
    }

    private static async Task SendAndReceiveAsync(RtpSender sender, RtpReceiver receiver, int count)
    {
        byte[] payload = new byte[160];
        for (int i = 0; i < count; i++)
        {
            payload[0] = (byte)i;
            Assert.True(sender.SendRtp(payload, (uint)(i * 960), marker: i == 0));
        }

        using var cancellation = new CancellationTokenSource(PeerConnectionLink.Timeout);
        int received = 0;
        ushort? previous = null;
        await foreach (ReceivedRtpPacket packet in receiver.ReadAllAsync(cancellation.Token))
        {
            using (packet)
            {
                Assert.Equal(sender.Ssrc, packet.Ssrc);
                Assert.Equal((byte)received, packet.Payload.Span[0]);
                Assert.Equal(160, packet.Payload.Length);
                if (previous is ushort p)
                {
                    Assert.Equal((ushort)(p + 1), packet.SequenceNumber);
                }

                previous = packet.SequenceNumber;
            }

            if (++received == count)
            {
                break;
            }
        }
    }

    private static string TamperFingerprint(string sdp)
    {
        int start = sdp.IndexOf("a=fingerprint:sha-256 ", StringComparison.Ordinal) + "a=fingerprint:sha-256 ".Length;
        char flipped = sdp[start] == 'A' ? 'B' : 'A';
        return sdp[..start] + flipped + sdp[(start + 1)..];
    }

    private static string ChromiumOffer() => Sdp.SdpCaptures.Read("browser-dual-s0-2-C2S-offer-id1.sdp");
}
