using Google.Protobuf;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Protocol.Tests;

/// <summary>
/// The server API (Twirp) and text signal frames use protobuf JSON: lowerCamelCase field names and enum value
/// names. These names come from the .proto field names, so they show whether those match upstream.
/// </summary>
public class JsonNameTests
{
    [Fact]
    public void Data_packet_formats_with_lower_camel_case_names()
    {
        var packet = new DataPacket { ParticipantIdentity = "alice", ParticipantSid = "PA_a", Sequence = 3, DestinationIdentities = { "bob" } };

        string json = JsonFormatter.Default.Format(packet);

        Assert.Contains("\"participantIdentity\": \"alice\"", json);
        Assert.Contains("\"participantSid\": \"PA_a\"", json);
        Assert.Contains("\"destinationIdentities\": [ \"bob\" ]", json);
        Assert.Contains("\"sequence\": 3", json);
    }

    [Fact]
    public void Signal_response_formats_oneof_members_and_enums_by_upstream_names()
    {
        var response = new SignalResponse
        {
            Leave = new LeaveRequest { Reason = DisconnectReason.RoomDeleted, Action = LeaveRequest.Types.Action.Reconnect },
        };
        var token = new SignalResponse { RefreshToken = "jwt" };

        Assert.Equal("{ \"leave\": { \"reason\": \"ROOM_DELETED\", \"action\": \"RECONNECT\" } }", JsonFormatter.Default.Format(response));
        Assert.Equal("{ \"refreshToken\": \"jwt\" }", JsonFormatter.Default.Format(token));
    }

    [Fact]
    public void Server_api_json_parses_into_messages()
    {
        const string listRooms = "{\"rooms\":[{\"sid\":\"RM_1\",\"name\":\"r\",\"numParticipants\":2,\"creationTime\":\"1700000000\",\"enabledCodecs\":[{\"mime\":\"audio/opus\",\"fmtpLine\":\"\"}]}]}";
        const string participant = "{\"identity\":\"a\",\"state\":\"ACTIVE\",\"kind\":\"AGENT\",\"joinedAtMs\":\"5\",\"permission\":{\"canPublishSources\":[\"CAMERA\"]},\"tracks\":[{\"sid\":\"TR_1\",\"type\":\"VIDEO\",\"source\":\"SCREEN_SHARE\"}]}";

        ListRoomsResponse rooms = JsonParser.Default.Parse<ListRoomsResponse>(listRooms);
        ParticipantInfo info = JsonParser.Default.Parse<ParticipantInfo>(participant);

        Assert.Equal("RM_1", rooms.Rooms[0].Sid);
        Assert.Equal(2u, rooms.Rooms[0].NumParticipants);
        Assert.Equal(1_700_000_000, rooms.Rooms[0].CreationTime);
        Assert.Equal("audio/opus", rooms.Rooms[0].EnabledCodecs[0].Mime);
        Assert.Equal(ParticipantInfo.Types.State.Active, info.State);
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, info.Kind);
        Assert.Equal(5, info.JoinedAtMs);
        Assert.Equal(TrackSource.Camera, info.Permission.CanPublishSources[0]);
        Assert.Equal(TrackSource.ScreenShare, info.Tracks[0].Source);
    }

    [Fact]
    public void Server_api_requests_format_as_twirp_expects()
    {
        var request = new SendDataRequest { Room = "r", Data = ByteString.CopyFromUtf8("hi"), Kind = DataPacket.Types.Kind.Lossy, DestinationIdentities = { "a" }, Topic = "t" };
        var update = new UpdateParticipantRequest { Room = "r", Identity = "a", Permission = new ParticipantPermission { CanPublishData = true } };

        Assert.Equal("{ \"room\": \"r\", \"data\": \"aGk=\", \"kind\": \"LOSSY\", \"topic\": \"t\", \"destinationIdentities\": [ \"a\" ] }", JsonFormatter.Default.Format(request));
        Assert.Equal("{ \"room\": \"r\", \"identity\": \"a\", \"permission\": { \"canPublishData\": true } }", JsonFormatter.Default.Format(update));
    }

    [Fact]
    public void Trickle_candidate_keeps_its_camel_case_proto_name()
    {
        // upstream names this field candidateInit (not candidate_init); JSON and C# names follow from it.
        string json = JsonFormatter.Default.Format(new TrickleRequest { CandidateInit = "{}", Target = SignalTarget.Subscriber });

        Assert.Equal("{ \"candidateInit\": \"{}\", \"target\": \"SUBSCRIBER\" }", json);
    }
}
