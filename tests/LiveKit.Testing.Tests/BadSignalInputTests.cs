using System;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.Proto;
using Xunit;
using SessionDescription = LiveKit.Proto.SessionDescription;

namespace LiveKit.Testing.Tests;

/// <summary>
/// What a client gets for bad input on an open signal connection, and that the room keeps serving everyone else
/// (a ping is answered, updates flow, a newcomer joins). A frame that is not a SignalRequest ends the real server's
/// read loop (livekit/livekit pkg/service/rtcservice.go ServeHTTP: a read error returns, and the response writer
/// closes the socket); a request it cannot act on is logged and dropped, or answered when the protocol has an answer
/// (subscription_response, request_response). "Nothing arrives" is shown by a later pong arriving first.
/// </summary>
public sealed class BadSignalInputTests
{
    private const string Room = "bad-input";

    [Fact]
    public async Task A_malformed_binary_frame_closes_that_connection_and_the_room_goes_on()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendRawAsync(MalformedFrame(seed: 1234, length: 200), WebSocketMessageType.Binary);

        await alice.WaitClosedAsync();
        Assert.NotNull(alice.CloseStatus);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task A_malformed_frame_is_answered_with_a_normal_closure_like_the_real_server()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendRawAsync(MalformedFrame(seed: 99, length: 64), WebSocketMessageType.Binary);

        await alice.WaitClosedAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, alice.CloseStatus);
    }

    [Fact]
    public async Task A_frame_over_the_size_limit_closes_with_message_too_big_and_the_room_goes_on()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions { MaxSignalMessageSize = 1024 });
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        // A well-formed request, only too big: update_metadata with 4 KB of metadata.
        var big = new SignalRequest { UpdateMetadata = new UpdateParticipantMetadata { Metadata = new string('m', 4096) } };
        await alice.SendAsync(big);

        await alice.WaitClosedAsync();
        // gorilla/websocket's read limit answers 1009 (the real server's transport; our option documents the same).
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, alice.CloseStatus);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task A_text_frame_of_protobuf_json_is_answered_in_json_text_frames()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendRawAsync(Encoding.UTF8.GetBytes("""{"pingReq":{"timestamp":"777"}}"""), WebSocketMessageType.Text);

        SignalResponse pong = await alice.WaitForAsync(r => r.PongResp?.LastPingTimestamp == 777, "pong_resp 777");
        Assert.Equal(WebSocketMessageType.Text, alice.FrameTypeOf(pong));

        // Later messages stay JSON: the newcomer's update reaches alice as a text frame. Before, all was binary.
        await AssertRoomStillServedAsync(server, bob);
        ParticipantInfo carol = await alice.WaitForParticipantAsync("carol", ParticipantInfo.Types.State.Active);
        SignalResponse update = alice.Received.First(r => r.Update?.Participants.Contains(carol) == true);
        Assert.Equal(WebSocketMessageType.Text, alice.FrameTypeOf(update));
        SignalResponse join = alice.Received.First(r => r.MessageCase == SignalResponse.MessageOneofCase.Join);
        Assert.Equal(WebSocketMessageType.Binary, alice.FrameTypeOf(join));
    }

    [Fact]
    public async Task A_binary_frame_after_json_switches_the_answers_back_to_binary()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await JoinedAsync(server, "alice");
        await alice.SendRawAsync(Encoding.UTF8.GetBytes("""{"pingReq":{"timestamp":"1"}}"""), WebSocketMessageType.Text);
        SignalResponse json = await alice.WaitForAsync(r => r.PongResp?.LastPingTimestamp == 1, "pong_resp 1");
        Assert.Equal(WebSocketMessageType.Text, alice.FrameTypeOf(json));

        Pong binary = await alice.PingAsync(2);

        SignalResponse answer = alice.Received.Last(r => r.PongResp?.LastPingTimestamp == 2);
        Assert.Equal(2, binary.LastPingTimestamp);
        Assert.Equal(WebSocketMessageType.Binary, alice.FrameTypeOf(answer));
    }

    [Fact]
    public async Task A_text_frame_of_garbage_closes_that_connection_and_the_room_goes_on()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendRawAsync(Encoding.UTF8.GetBytes("this is { not protobuf json"), WebSocketMessageType.Text);

        await alice.WaitClosedAsync();
        Assert.NotNull(alice.CloseStatus);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task A_trickle_with_a_junk_candidate_is_dropped_and_the_connection_stays()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = "{not json", Target = SignalTarget.Publisher } });
        await alice.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = """{"sdpMid":"0"}""", Target = SignalTarget.Subscriber } });
        await alice.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = """{"candidate":"candidate:garbage","sdpMid":"0","sdpMLineIndex":0}""", Target = SignalTarget.Subscriber } });

        Assert.Equal(5, (await alice.PingAsync(5)).LastPingTimestamp);
        Assert.False(alice.Closed.Task.IsCompleted);
        Assert.DoesNotContain(alice.Received, r => r.MessageCase == SignalResponse.MessageOneofCase.Leave);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task An_answer_for_an_unknown_offer_id_is_ignored_and_the_real_offer_still_negotiates()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = "v=0\r\n", Id = 999 } });
        Assert.Equal(6, (await alice.PingAsync(6)).LastPingTimestamp);

        // The server's offer is still the one in flight: answering it connects the subscriber PC.
        await alice.StartMediaAsync();
        await PeerConnectionWaits.ConnectedAsync(alice.Subscriber);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task An_offer_with_invalid_sdp_gets_no_answer_and_a_later_offer_does()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendAsync(new SignalRequest { Offer = new SessionDescription { Type = "offer", Sdp = "this is not sdp", Id = 1 } });
        Assert.Equal(7, (await alice.PingAsync(7)).LastPingTimestamp);
        Assert.DoesNotContain(alice.Received, r => r.MessageCase == SignalResponse.MessageOneofCase.Answer);

        // Offer id 1 again, valid this time: answered, and both PeerConnections connect.
        await alice.StartMediaAsync();
        await PeerConnectionWaits.ConnectedAsync(alice.Publisher);
        await PeerConnectionWaits.ConnectedAsync(alice.Subscriber);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task A_mute_of_an_unknown_track_changes_nothing()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendAsync(new SignalRequest { Mute = new MuteTrackRequest { Sid = "TR_doesnotexist", Muted = true } });
        Assert.Equal(8, (await alice.PingAsync(8)).LastPingTimestamp);
        // alice's request was handled before bob's ping: an update it caused would be ahead of bob's pong.
        Assert.Equal(9, (await bob.PingAsync(9)).LastPingTimestamp);

        Assert.DoesNotContain(bob.Received, r => r.Update?.Participants.Any(p => p.Identity == "alice") == true);
        Assert.DoesNotContain(alice.Received, r => r.MessageCase is SignalResponse.MessageOneofCase.Mute or SignalResponse.MessageOneofCase.Leave);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task An_update_subscription_for_an_unknown_track_is_answered_with_track_not_found()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendAsync(new SignalRequest { Subscription = new UpdateSubscription { TrackSids = { "TR_doesnotexist" }, Subscribe = true } });

        SignalResponse response = await alice.WaitForAsync(SignalResponse.MessageOneofCase.SubscriptionResponse);
        Assert.Equal("TR_doesnotexist", response.SubscriptionResponse.TrackSid);
        Assert.Equal(SubscriptionError.SeTrackNotfound, response.SubscriptionResponse.Err);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task An_update_metadata_without_permission_is_not_allowed_with_its_request_id_and_nobody_sees_it()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        await using SignalTestClient alice = await JoinedAsync(server, "alice");

        await alice.SendAsync(new SignalRequest { UpdateMetadata = new UpdateParticipantMetadata { Metadata = "sneaky", Name = "Sneaky", RequestId = 41 } });

        SignalResponse response = await alice.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse);
        Assert.Equal(41u, response.RequestResponse.RequestId);
        Assert.Equal(RequestResponse.Types.Reason.NotAllowed, response.RequestResponse.Reason);
        Assert.Equal(10, (await bob.PingAsync(10)).LastPingTimestamp);
        Assert.DoesNotContain(bob.Received, r => r.Update?.Participants.Any(p => p.Metadata == "sneaky" || p.Name == "Sneaky") == true);
        await AssertRoomStillServedAsync(server, bob);
    }

    [Fact]
    public async Task Requests_sent_before_the_join_response_was_read_are_answered_after_it()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await JoinedAsync(server, "bob");
        string token = server.CreateToken("alice", Room, new VideoGrants { CanUpdateOwnMetadata = true });
        await using SignalTestClient alice = await SignalTestClient.ConnectAsync(server, token);

        // Sent at once, without waiting for anything the server says.
        await alice.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 11 } });
        await alice.SendAsync(new SignalRequest { UpdateMetadata = new UpdateParticipantMetadata { Metadata = "early", RequestId = 12 } });
        await alice.SendAsync(new SignalRequest { Subscription = new UpdateSubscription { TrackSids = { "TR_early" }, Subscribe = true } });

        SignalResponse first = await alice.WaitForAsync(_ => true, "the first message");
        Assert.Equal(SignalResponse.MessageOneofCase.Join, first.MessageCase);
        Assert.Equal(11, (await alice.WaitForAsync(SignalResponse.MessageOneofCase.PongResp)).PongResp.LastPingTimestamp);
        SignalResponse ok = await alice.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse);
        Assert.Equal(12u, ok.RequestResponse.RequestId);
        Assert.Equal(RequestResponse.Types.Reason.Ok, ok.RequestResponse.Reason);
        Assert.Equal("TR_early", (await alice.WaitForAsync(SignalResponse.MessageOneofCase.SubscriptionResponse)).SubscriptionResponse.TrackSid);
        SignalResponse seen = await bob.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "alice" && p.Metadata == "early") == true, "alice's early metadata");
        Assert.NotNull(seen);
        await AssertRoomStillServedAsync(server, bob);
    }

    private static Task<SignalTestClient> JoinedAsync(LiveKitTestServer server, string identity) => SignalTestClient.JoinedAsync(server, identity, Room);

    /// <summary>
    /// Seeded random bytes that are no SignalRequest: they start with field 1 of wire type 7, which protobuf does
    /// not define (encoding spec, "Message Structure"), so the parse fails whatever follows.
    /// </summary>
    private static byte[] MalformedFrame(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = (1 << 3) | 7;
        Assert.Throws<InvalidProtocolBufferException>(() => SignalRequest.Parser.ParseFrom(bytes));
        return bytes;
    }

    /// <summary>The room still serves <paramref name="observer"/>: its ping is answered, and a newcomer joins and is seen.</summary>
    private static async Task AssertRoomStillServedAsync(LiveKitTestServer server, SignalTestClient observer)
    {
        Assert.Equal(4242, (await observer.PingAsync(4242)).LastPingTimestamp);
        await using SignalTestClient carol = await SignalTestClient.JoinWithMediaAsync(server, "carol", Room);
        Assert.Contains(carol.Join!.OtherParticipants, p => p.Identity == "bob");
        ParticipantInfo seen = await observer.WaitForParticipantAsync("carol", ParticipantInfo.Types.State.Active);
        Assert.Equal(carol.Join.Participant.Sid, seen.Sid);
    }
}
