using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.Proto;
using LiveKit.WebRtc;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// The Twirp RoomService (livekit/livekit pkg/service/roomservice.go, roommanager.go) through LiveKit.Api's
/// RoomServiceClient (protobuf) and raw JSON: each method's answer and the signal messages it drives in the room.
/// </summary>
public sealed class RoomServiceTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task CreateRoom_ListRooms_and_DeleteRoom_manage_rooms()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);

        Room created = await api.CreateRoomAsync(new CreateRoomRequest { Name = "api-room", Metadata = "first", MaxParticipants = 5, EmptyTimeout = 60 });
        Assert.StartsWith("RM_", created.Sid);
        Assert.Equal("api-room", created.Name);
        Assert.Equal("first", created.Metadata);
        Assert.Equal(5u, created.MaxParticipants);
        Assert.Equal(60u, created.EmptyTimeout);
        Assert.True(created.CreationTime > 0);

        // Creating an existing room returns it.
        Room again = await api.CreateRoomAsync(new CreateRoomRequest { Name = "api-room" });
        Assert.Equal(created.Sid, again.Sid);
        await api.CreateRoomAsync(new CreateRoomRequest { Name = "other-room" });

        ListRoomsResponse all = await api.ListRoomsAsync(new ListRoomsRequest());
        Assert.Equal(new[] { "api-room", "other-room" }, all.Rooms.Select(r => r.Name).Order());
        ListRoomsResponse named = await api.ListRoomsAsync(new ListRoomsRequest { Names = { "other-room" } });
        Assert.Equal("other-room", Assert.Single(named.Rooms).Name);

        await api.DeleteRoomAsync(new DeleteRoomRequest { Room = "api-room" });
        ListRoomsResponse after = await api.ListRoomsAsync(new ListRoomsRequest());
        Assert.Equal("other-room", Assert.Single(after.Rooms).Name);
    }

    [Fact]
    public async Task DeleteRoom_sends_everyone_in_it_a_leave_with_ROOM_DELETED()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "doomed");
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", "doomed");

        await api.DeleteRoomAsync(new DeleteRoomRequest { Room = "doomed" });

        foreach (SignalTestClient client in new[] { alice, bob })
        {
            LeaveRequest leave = (await client.WaitForAsync(SignalResponse.MessageOneofCase.Leave)).Leave;
            Assert.Equal(DisconnectReason.RoomDeleted, leave.Reason);
            Assert.Equal(LeaveRequest.Types.Action.Disconnect, leave.Action);
            await client.WaitClosedAsync();
        }

        Assert.Empty((await api.ListRoomsAsync(new ListRoomsRequest())).Rooms);
    }

    [Fact]
    public async Task ListParticipants_and_GetParticipant_show_who_is_in_the_room()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "people");
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", "people");

        ListParticipantsResponse list = await api.ListParticipantsAsync(new ListParticipantsRequest { Room = "people" });
        Assert.Equal(new[] { "alice", "bob" }, list.Participants.Select(p => p.Identity).Order());

        ParticipantInfo info = await api.GetParticipantAsync(new RoomParticipantIdentity { Room = "people", Identity = "alice" });
        Assert.Equal(alice.Join!.Participant.Sid, info.Sid);
        Assert.Equal("alice", info.Identity);
    }

    [Fact]
    public async Task RemoveParticipant_sends_a_leave_with_PARTICIPANT_REMOVED_and_the_others_see_it_disconnected()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "removal");
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", "removal");

        await api.RemoveParticipantAsync(new RoomParticipantIdentity { Room = "removal", Identity = "alice" });

        LeaveRequest leave = (await alice.WaitForAsync(SignalResponse.MessageOneofCase.Leave)).Leave;
        Assert.Equal(DisconnectReason.ParticipantRemoved, leave.Reason);
        Assert.Equal(LeaveRequest.Types.Action.Disconnect, leave.Action);
        await alice.WaitClosedAsync();
        ParticipantInfo gone = await bob.WaitForParticipantAsync("alice", ParticipantInfo.Types.State.Disconnected);
        Assert.Equal(alice.Join!.Participant.Sid, gone.Sid);
        ListParticipantsResponse list = await api.ListParticipantsAsync(new ListParticipantsRequest { Room = "removal" });
        Assert.Equal("bob", Assert.Single(list.Participants).Identity);
    }

    [Fact]
    public async Task UpdateParticipant_broadcasts_metadata_name_and_attributes_with_a_higher_version()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        string token = server.CreateToken("alice", "updates", configure: t => t.Attributes = new System.Collections.Generic.Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" });
        await using SignalTestClient alice = await SignalTestClient.ConnectAsync(server, token);
        ParticipantInfo before = (await alice.WaitForAsync(SignalResponse.MessageOneofCase.Join)).Join.Participant;
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", "updates");

        ParticipantInfo answered = await api.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Room = "updates",
            Identity = "alice",
            Metadata = "new metadata",
            Name = "Alice A.",
            Attributes = { ["added"] = "3", ["drop"] = "" },
        });

        Assert.Equal("new metadata", answered.Metadata);
        Assert.Equal("Alice A.", answered.Name);
        SignalResponse update = await bob.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "alice" && p.Metadata == "new metadata") == true, "alice's new metadata");
        ParticipantInfo seen = update.Update.Participants.Single(p => p.Identity == "alice");
        Assert.Equal("Alice A.", seen.Name);
        Assert.Equal("1", seen.Attributes["keep"]);
        Assert.Equal("3", seen.Attributes["added"]);
        Assert.False(seen.Attributes.ContainsKey("drop"), "an empty value deletes the key");
        Assert.True(seen.Version > before.Version, $"version {seen.Version} after {before.Version}");
        SignalResponse own = await alice.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "alice" && p.Metadata == "new metadata") == true, "alice's own update");
        Assert.NotNull(own);
    }

    [Fact]
    public async Task MutePublishedTrack_tells_the_publisher_and_everyone_sees_the_track_muted()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        await using SignalTestClient alice = await SignalTestClient.JoinWithMediaAsync(server, "alice", "mute-room");
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", "mute-room");
        (_, TrackInfo track) = await alice.PublishAsync(MediaKind.Audio, "microphone");
        await bob.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "alice" && p.Tracks.Any(t => t.Sid == track.Sid)) == true, "alice's track");

        MuteRoomTrackResponse response = await api.MutePublishedTrackAsync(new MuteRoomTrackRequest { Room = "mute-room", Identity = "alice", TrackSid = track.Sid, Muted = true });

        Assert.Equal(track.Sid, response.Track.Sid);
        Assert.True(response.Track.Muted);
        MuteTrackRequest mute = (await alice.WaitForAsync(SignalResponse.MessageOneofCase.Mute)).Mute;
        Assert.Equal(track.Sid, mute.Sid);
        Assert.True(mute.Muted);
        await bob.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "alice" && p.Tracks.Any(t => t.Sid == track.Sid && t.Muted)) == true, "alice's track muted");
    }

    [Fact]
    public async Task MutePublishedTrack_refuses_a_remote_unmute_like_the_real_servers_default()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        await using SignalTestClient alice = await SignalTestClient.JoinWithMediaAsync(server, "alice", "unmute-room");
        (_, TrackInfo track) = await alice.PublishAsync(MediaKind.Audio, "microphone");
        await alice.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "alice" && p.Tracks.Any(t => t.Sid == track.Sid)) == true, "alice's track");
        await api.MutePublishedTrackAsync(new MuteRoomTrackRequest { Room = "unmute-room", Identity = "alice", TrackSid = track.Sid, Muted = true });

        TwirpException refused = await Assert.ThrowsAsync<TwirpException>(() =>
            api.MutePublishedTrackAsync(new MuteRoomTrackRequest { Room = "unmute-room", Identity = "alice", TrackSid = track.Sid, Muted = false }));

        Assert.Equal(TwirpErrorCodes.FailedPrecondition, refused.Code);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.HttpStatus);
    }

    [Fact]
    public async Task UpdateRoomMetadata_sends_a_room_update_to_everyone()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "meta-room");
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", "meta-room");

        Room answered = await api.UpdateRoomMetadataAsync(new UpdateRoomMetadataRequest { Room = "meta-room", Metadata = "{\"topic\":\"tests\"}" });

        Assert.Equal("{\"topic\":\"tests\"}", answered.Metadata);
        foreach (SignalTestClient client in new[] { alice, bob })
        {
            RoomUpdate update = (await client.WaitForAsync(SignalResponse.MessageOneofCase.RoomUpdate)).RoomUpdate;
            Assert.Equal("meta-room", update.Room.Name);
            Assert.Equal(alice.Join!.Room.Sid, update.Room.Sid);
            Assert.Equal("{\"topic\":\"tests\"}", update.Room.Metadata);
        }
    }

    [Fact]
    public async Task SendData_reaches_only_the_destinations_as_a_packet_from_the_server()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        await using SignalTestClient bob = await SignalTestClient.JoinWithMediaAsync(server, "bob", "data-room");
        await using SignalTestClient carol = await SignalTestClient.JoinWithMediaAsync(server, "carol", "data-room");

        await api.SendDataAsync(new SendDataRequest
        {
            Room = "data-room",
            Data = ByteString.CopyFromUtf8("for bob"),
            Kind = DataPacket.Types.Kind.Reliable,
            Topic = "news",
            DestinationIdentities = { "bob" },
        });
        await api.SendDataAsync(new SendDataRequest { Room = "data-room", Data = ByteString.CopyFromUtf8("for everyone"), Kind = DataPacket.Types.Kind.Reliable });
        await api.SendDataAsync(new SendDataRequest { Room = "data-room", Data = ByteString.CopyFromUtf8("lossy"), Kind = DataPacket.Types.Kind.Lossy });

        DataPacket forBob = await bob.NextDataAsync();
        Assert.Equal("for bob", forBob.User.Payload.ToStringUtf8());
        Assert.Equal("news", forBob.User.Topic);
        Assert.Equal("", forBob.ParticipantIdentity);
        Assert.Equal("", forBob.ParticipantSid);
        Assert.Equal("for everyone", (await bob.NextDataAsync()).User.Payload.ToStringUtf8());
        // carol's reliable channel is ordered and the calls were sequential: had "for bob" reached her, it would be first.
        DataPacket forCarol = await carol.NextDataAsync();
        Assert.Equal("for everyone", forCarol.User.Payload.ToStringUtf8());
        Assert.False(forCarol.User.HasTopic);
        Assert.Equal("lossy", (await carol.NextDataAsync("_lossy")).User.Payload.ToStringUtf8());
        Assert.Equal("lossy", (await bob.NextDataAsync("_lossy")).User.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task MoveParticipant_sends_room_moved_with_a_token_for_the_new_room_and_the_old_room_sees_it_leave()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ApiOf(server);
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "move-from");
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", "move-from");
        await using SignalTestClient carol = await SignalTestClient.JoinedAsync(server, "carol", "move-to");

        await api.MoveParticipantAsync(new MoveParticipantRequest { Room = "move-from", Identity = "bob", DestinationRoom = "move-to" });

        RoomMovedResponse moved = (await bob.WaitForAsync(SignalResponse.MessageOneofCase.RoomMoved)).RoomMoved;
        Assert.Equal("move-to", moved.Room.Name);
        Assert.Equal(carol.Join!.Room.Sid, moved.Room.Sid);
        Assert.Equal("bob", moved.Participant.Identity);
        Assert.Equal("carol", Assert.Single(moved.OtherParticipants).Identity);
        TokenVerificationResult token = new TokenVerifier(server.ApiKey, server.ApiSecret).Verify(moved.Token, DateTimeOffset.UtcNow);
        Assert.True(token.IsValid, token.ToString());
        Assert.Equal("bob", token.Claims.Identity);
        Assert.Equal("move-to", token.Claims.Video!.Room);

        ParticipantInfo left = await alice.WaitForParticipantAsync("bob", ParticipantInfo.Types.State.Disconnected);
        Assert.Equal(bob.Join!.Participant.Sid, left.Sid);
        await carol.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "bob") == true, "bob arriving");
        Assert.Equal(new[] { "bob", "carol" }, (await api.ListParticipantsAsync(new ListParticipantsRequest { Room = "move-to" })).Participants.Select(p => p.Identity).Order());
        Assert.Equal("alice", Assert.Single((await api.ListParticipantsAsync(new ListParticipantsRequest { Room = "move-from" })).Participants).Identity);
    }

    [Fact]
    public async Task The_api_speaks_protobuf_json_too()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "json-room");

        (HttpStatusCode status, string body, string? type) = await PostJsonAsync(server, "CreateRoom", """{"name":"json-made","metadata":"from json"}""", server.CreateAdminToken());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("application/json", type);
        Room room = JsonParser.Default.Parse<Room>(body);
        Assert.Equal("json-made", room.Name);
        Assert.Equal("from json", room.Metadata);

        (status, body, _) = await PostJsonAsync(server, "ListParticipants", """{"room":"json-room"}""", server.CreateAdminToken("json-room"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alice", Assert.Single(JsonParser.Default.Parse<ListParticipantsResponse>(body).Participants).Identity);

        (status, body, type) = await PostJsonAsync(server, "DeleteRoom", """{"room":"no-such-room"}""", server.CreateAdminToken());
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("application/json", type);
        Assert.Contains("\"code\":\"not_found\"", body);
    }

    internal static RoomServiceClient ApiOf(LiveKitTestServer server) => new(server.HttpUrl.ToString(), server.ApiKey, server.ApiSecret);

    internal static async Task<(HttpStatusCode Status, string Body, string? ContentType)> PostJsonAsync(LiveKitTestServer server, string method, string json, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.HttpUrl, "twirp/livekit.RoomService/" + method))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }
}
