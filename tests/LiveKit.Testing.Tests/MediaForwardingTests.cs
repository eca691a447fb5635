using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.WebRtc;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// The SFU at the RTP level: alice publishes an Opus transceiver, bob's subscriber PC receives the forwarded
/// packets on the m-line the server adds for it, with LiveKit's msid (brief §3.5: stream "PA_sid|TR_sid", track
/// "TR_sid"), in order with continuous sequence numbers; bob's PLI and NACK go back to alice, the NACK in alice's own
/// sequence numbers. (Speakers, from the ssrc-audio-level extension: SpeakerTests.)
/// </summary>
public sealed class MediaForwardingTests
{
    private const string Room = "media";
    private const int PacketCount = 20;

    // alice numbers her packets from here: the run crosses 65535 -> 0, which forwarding must keep continuous.
    private const ushort FirstSequence = 65530;

    [Fact]
    public async Task Published_audio_reaches_the_subscriber_in_order_with_continuous_sequence_numbers_and_livekits_msid()
    {
        await using AudioCall call = await AudioCall.StartAsync();

        Assert.Equal(call.Alice.Join!.Participant.Sid + "|" + call.Track.Sid, Assert.Single(call.Receiving.Receiver.StreamIds));
        Assert.Equal(call.Track.Sid, call.Receiving.Receiver.TrackId);
        Assert.Equal(MediaKind.Audio, call.Receiving.Kind);

        IReadOnlyList<(ushort Sequence, uint Timestamp, byte[] Payload)> received = await call.SendAndReceiveAsync();

        for (int i = 0; i < PacketCount; i++)
        {
            Assert.Equal(Payload(i), received[i].Payload);
            Assert.Equal(unchecked((ushort)(received[0].Sequence + i)), received[i].Sequence);
            // Timestamps keep their spacing (the leg's own random offset aside): 20 ms of 48 kHz each.
            Assert.Equal(unchecked((uint)(received[0].Timestamp + (i * 960))), received[i].Timestamp);
        }
    }

    [Fact]
    public async Task A_pli_from_the_subscriber_reaches_the_publisher()
    {
        await using AudioCall call = await AudioCall.StartAsync();
        await call.SendAndReceiveAsync();
        var feedback = new TaskCompletionSource<RtcpFeedbackMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.Sending.Sender.FeedbackReceived += message =>
        {
            if (message.Kind == RtcpFeedbackKind.PictureLoss)
            {
                feedback.TrySetResult(message);
            }
        };

        Assert.True(call.Receiving.Receiver.RequestKeyFrame());

        RtcpFeedbackMessage pli = await feedback.Task.WaitAsync(SignalTestClient.Timeout);
        Assert.Equal(call.Sending.Sender.Ssrc, pli.MediaSsrc);
    }

    [Fact]
    public async Task A_nack_from_the_subscriber_reaches_the_publisher_in_its_own_sequence_numbers()
    {
        await using AudioCall call = await AudioCall.StartAsync();
        IReadOnlyList<(ushort Sequence, uint Timestamp, byte[] Payload)> received = await call.SendAndReceiveAsync();
        var feedback = new TaskCompletionSource<RtcpFeedbackMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.Sending.Sender.FeedbackReceived += message =>
        {
            if (message.Kind == RtcpFeedbackKind.Nack)
            {
                feedback.TrySetResult(message);
            }
        };

        // bob reports his 6th and 8th packets lost, in his leg's numbering.
        Assert.True(call.Receiving.Receiver.RequestRetransmission(new[] { received[5].Sequence, received[7].Sequence }));

        RtcpFeedbackMessage nack = await feedback.Task.WaitAsync(SignalTestClient.Timeout);
        Assert.Equal(call.Sending.Sender.Ssrc, nack.MediaSsrc);
        Assert.Equal(new[] { unchecked((ushort)(FirstSequence + 5)), unchecked((ushort)(FirstSequence + 7)) }, nack.LostSequenceNumbers);
    }

    private static byte[] Payload(int index) => Enumerable.Range(0, 40).Select(b => (byte)(index * 7 + b)).ToArray();

    /// <summary>alice publishing a microphone track, bob subscribed to it, its forwarding negotiated.</summary>
    private sealed class AudioCall : IAsyncDisposable
    {
        private AudioCall(LiveKitTestServer server, SignalTestClient alice, SignalTestClient bob, RtpTransceiver sending, TrackInfo track, RtpTransceiver receiving)
        {
            Server = server;
            Alice = alice;
            Bob = bob;
            Sending = sending;
            Track = track;
            Receiving = receiving;
        }

        public LiveKitTestServer Server { get; }

        public SignalTestClient Alice { get; }

        public SignalTestClient Bob { get; }

        public RtpTransceiver Sending { get; }

        public TrackInfo Track { get; }

        public RtpTransceiver Receiving { get; }

        public static async Task<AudioCall> StartAsync()
        {
            LiveKitTestServer server = await LiveKitTestServer.StartAsync();
            SignalTestClient alice = await SignalTestClient.JoinWithMediaAsync(server, "alice", Room);
            SignalTestClient bob = await SignalTestClient.JoinWithMediaAsync(server, "bob", Room);
            (RtpTransceiver sending, TrackInfo track) = await alice.PublishAsync(MediaKind.Audio, "microphone");
            Assert.StartsWith("TR_", track.Sid);
            Assert.Equal(TrackType.Audio, track.Type);
            RtpTransceiver receiving = await bob.NextTrackAsync();

            // track_subscribed follows bob's answer to the offer that carries the track: from then on it is forwarded.
            await alice.WaitForAsync(r => r.TrackSubscribed?.TrackSid == track.Sid, "track_subscribed");
            return new AudioCall(server, alice, bob, sending, track, receiving);
        }

        /// <summary>alice sends <see cref="PacketCount"/> packets numbered from <see cref="FirstSequence"/>; bob's copies, in arrival order.</summary>
        public async Task<IReadOnlyList<(ushort Sequence, uint Timestamp, byte[] Payload)>> SendAndReceiveAsync()
        {
            for (int i = 0; i < PacketCount; i++)
            {
                Assert.True(Sending.Sender.ForwardRtp(Payload(i), (uint)(i * 960), marker: i == 0, unchecked((ushort)(FirstSequence + i))));
            }

            var received = new List<(ushort, uint, byte[])>();
            using var bound = new CancellationTokenSource(SignalTestClient.Timeout);
            while (received.Count < PacketCount)
            {
                using ReceivedRtpPacket packet = await Receiving.Receiver.Packets.ReadAsync(bound.Token);
                received.Add((packet.SequenceNumber, packet.Timestamp, packet.Payload.ToArray()));
            }

            return received;
        }

        public async ValueTask DisposeAsync()
        {
            await Bob.DisposeAsync();
            await Alice.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
