using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Api.Tests;

public sealed class RoomServiceClientTests : IAsyncLifetime, IDisposable
{
    private const string ApiKey = "APIroomservice";
    private const string ApiSecret = "roomservice-secret";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1704067200);

    private readonly HttpClient _httpClient = new();
    private FakeTwirpServer _server = null!;

    /// <summary>One RoomService method: how to call it, with which request, and the grant its token must carry.</summary>
    private sealed record MethodCase(IMessage Request, Func<RoomServiceClient, Task<IMessage>> Call, VideoGrants Grants);

    private static readonly Dictionary<string, MethodCase> Methods = BuildMethods();

    public static TheoryData<string> MethodNames() => new(Methods.Keys);

    private static Dictionary<string, MethodCase> BuildMethods()
    {
        var admin = new VideoGrants { RoomAdmin = true, Room = "lobby" };
        var createRoom = new CreateRoomRequest { Name = "lobby", EmptyTimeout = 30, MaxParticipants = 4, Metadata = "m" };
        var listRooms = new ListRoomsRequest { Names = { "lobby", "hall" } };
        var deleteRoom = new DeleteRoomRequest { Room = "lobby" };
        var listParticipants = new ListParticipantsRequest { Room = "lobby" };
        var getParticipant = new RoomParticipantIdentity { Room = "lobby", Identity = "alice" };
        var removeParticipant = new RoomParticipantIdentity { Room = "lobby", Identity = "bob" };
        var updateParticipant = new UpdateParticipantRequest
        {
            Room = "lobby", Identity = "alice", Metadata = "new", Name = "Alice", Attributes = { ["k"] = "v" },
        };
        var muteTrack = new MuteRoomTrackRequest { Room = "lobby", Identity = "alice", TrackSid = "TR_1", Muted = true };
        var updateRoomMetadata = new UpdateRoomMetadataRequest { Room = "lobby", Metadata = "{}" };
        var sendData = new SendDataRequest
        {
            Room = "lobby", Data = ByteString.CopyFromUtf8("hello"), Topic = "chat", DestinationIdentities = { "alice" },
        };
        var moveParticipant = new MoveParticipantRequest { Room = "lobby", Identity = "alice", DestinationRoom = "hall" };
        var updateSubscriptions = new UpdateSubscriptionsRequest
        {
            Room = "lobby", Identity = "alice", TrackSids = { "TR_1" }, Subscribe = true,
        };

        return new Dictionary<string, MethodCase>
        {
            ["CreateRoom"] = new(createRoom, async c => await c.CreateRoomAsync(createRoom), new VideoGrants { RoomCreate = true }),
            ["ListRooms"] = new(listRooms, async c => await c.ListRoomsAsync(listRooms), new VideoGrants { RoomList = true }),
            // pkg/service/roomservice.go checks the create permission to delete a room.
            ["DeleteRoom"] = new(deleteRoom, async c => await c.DeleteRoomAsync(deleteRoom), new VideoGrants { RoomCreate = true }),
            ["ListParticipants"] = new(listParticipants, async c => await c.ListParticipantsAsync(listParticipants), admin),
            ["GetParticipant"] = new(getParticipant, async c => await c.GetParticipantAsync(getParticipant), admin),
            ["RemoveParticipant"] = new(removeParticipant, async c => await c.RemoveParticipantAsync(removeParticipant), admin),
            ["UpdateParticipant"] = new(updateParticipant, async c => await c.UpdateParticipantAsync(updateParticipant), admin),
            ["MutePublishedTrack"] = new(muteTrack, async c => await c.MutePublishedTrackAsync(muteTrack), admin),
            ["UpdateRoomMetadata"] = new(updateRoomMetadata, async c => await c.UpdateRoomMetadataAsync(updateRoomMetadata), admin),
            ["SendData"] = new(sendData, async c => await c.SendDataAsync(sendData), admin),
            ["MoveParticipant"] = new(
                moveParticipant,
                async c => await c.MoveParticipantAsync(moveParticipant),
                admin with { DestinationRoom = "hall" }),
            ["UpdateSubscriptions"] = new(updateSubscriptions, async c => await c.UpdateSubscriptionsAsync(updateSubscriptions), admin),
        };
    }

    public async Task InitializeAsync()
    {
        _server = await FakeTwirpServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _httpClient.Dispose();
    }

    private RoomServiceClient Client(string? url = null) =>
        new(url ?? _server.BaseUrl, ApiKey, ApiSecret, _httpClient, new FixedTimeProvider(Now));

    [Theory]
    [MemberData(nameof(MethodNames))]
    public async Task Each_method_posts_protobuf_to_its_twirp_path(string method)
    {
        MethodCase call = Methods[method];

        await call.Call(Client());

        RecordedRequest request = _server.LastRequest!;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/twirp/livekit.RoomService/" + method, request.Path);
        Assert.Equal("application/protobuf", request.ContentType);
        Assert.Equal("application/protobuf", request.Accept);
        Assert.Equal(call.Request, call.Request.Descriptor.Parser.ParseFrom(request.Body));
    }

    [Theory]
    [MemberData(nameof(MethodNames))]
    public async Task Each_method_carries_a_bearer_token_with_the_grant_the_server_checks(string method)
    {
        MethodCase call = Methods[method];

        await call.Call(Client());

        string authorization = _server.LastRequest!.Authorization;
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        TokenVerificationResult token = new TokenVerifier(ApiKey, ApiSecret).Verify(authorization["Bearer ".Length..], Now);
        Assert.True(token.IsValid, token.Message);
        Assert.Equal(call.Grants, token.Claims.Video);
        Assert.Equal(ApiKey, token.Claims.Issuer);
        Assert.Equal(Now + RoomServiceClient.TokenTtl, token.Claims.ExpiresAt);
    }

    [Fact]
    public async Task Answer_is_decoded_as_the_methods_response()
    {
        var room = new Room { Sid = "RM_1", Name = "lobby", NumParticipants = 2, Metadata = "m" };
        _server.Body = room.ToByteArray();

        Room created = await Client().CreateRoomAsync(new CreateRoomRequest { Name = "lobby" });

        Assert.Equal(room, created);
    }

    [Fact]
    public async Task Empty_answer_is_the_empty_message()
    {
        DeleteRoomResponse response = await Client().DeleteRoomAsync(new DeleteRoomRequest { Room = "lobby" });

        Assert.Equal(new DeleteRoomResponse(), response);
    }

    [Fact]
    public async Task Twirp_error_becomes_a_twirp_exception()
    {
        _server.Status = 404;
        _server.ContentType = "application/json";
        _server.Body = Encoding.UTF8.GetBytes("""{"code":"not_found","msg":"requested room does not exist","meta":{"room":"lobby"}}""");

        TwirpException error = await Assert.ThrowsAsync<TwirpException>(
            () => Client().ListParticipantsAsync(new ListParticipantsRequest { Room = "lobby" }));

        Assert.Equal(TwirpErrorCodes.NotFound, error.Code);
        Assert.Equal("requested room does not exist", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatus);
        Assert.Equal("lobby", error.Meta["room"]);
    }

    [Fact]
    public async Task Missing_grant_answer_is_unauthenticated()
    {
        // What pkg/service/auth.go (twirpAuthError) answers to a token without the method's grant.
        _server.Status = 401;
        _server.ContentType = "application/json";
        _server.Body = Encoding.UTF8.GetBytes("""{"code":"unauthenticated","msg":"permissions denied"}""");

        TwirpException error = await Assert.ThrowsAsync<TwirpException>(
            () => Client().CreateRoomAsync(new CreateRoomRequest { Name = "lobby" }));

        Assert.Equal(TwirpErrorCodes.Unauthenticated, error.Code);
        Assert.Equal("permissions denied", error.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatus);
        Assert.Empty(error.Meta);
    }

    [Theory]
    [InlineData(502, "bad gateway", TwirpErrorCodes.Unavailable)]
    [InlineData(404, "404 page not found", TwirpErrorCodes.BadRoute)]
    [InlineData(400, "<html>oops</html>", TwirpErrorCodes.Internal)]
    [InlineData(418, "{\"msg\":\"no code\"}", TwirpErrorCodes.Unknown)]
    public async Task Non_twirp_error_is_mapped_by_http_status(int status, string body, string code)
    {
        _server.Status = status;
        _server.ContentType = "text/plain";
        _server.Body = Encoding.UTF8.GetBytes(body);

        TwirpException error = await Assert.ThrowsAsync<TwirpException>(
            () => Client().ListRoomsAsync(new ListRoomsRequest()));

        Assert.Equal(code, error.Code);
        Assert.Equal((HttpStatusCode)status, error.HttpStatus);
        Assert.Equal("true", error.Meta["http_error_from_intermediary"]);
        Assert.Equal(body, error.Meta["body"]);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undecodable_success_answer_is_an_internal_error()
    {
        _server.Body = [0xFF, 0xFF, 0xFF];

        TwirpException error = await Assert.ThrowsAsync<TwirpException>(
            () => Client().CreateRoomAsync(new CreateRoomRequest { Name = "lobby" }));

        Assert.Equal(TwirpErrorCodes.Internal, error.Code);
        Assert.Contains("Room", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Websocket_url_is_called_over_http()
    {
        string wsUrl = "ws" + _server.BaseUrl["http".Length..] + "/";

        await Client(wsUrl).ListRoomsAsync(new ListRoomsRequest());

        Assert.Equal("/twirp/livekit.RoomService/ListRooms", _server.LastRequest!.Path);
    }

    [Fact]
    public async Task Null_request_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Client().CreateRoomAsync(null!));
        Assert.Null(_server.LastRequest);
    }

    [Theory]
    [InlineData("", ApiSecret)]
    [InlineData(ApiKey, "")]
    public void Missing_credentials_are_refused_at_construction(string key, string secret)
    {
        Assert.Throws<ArgumentException>(() => new RoomServiceClient("http://127.0.0.1:7880", key, secret, _httpClient));
    }

    [Theory]
    [InlineData("ws://127.0.0.1:7880", "http://127.0.0.1:7880")]
    [InlineData("wss://example.livekit.cloud", "https://example.livekit.cloud")]
    [InlineData("wss://example.livekit.cloud:443/", "https://example.livekit.cloud")]
    [InlineData("ws://example.com", "http://example.com")]
    [InlineData("http://127.0.0.1:7880/", "http://127.0.0.1:7880")]
    [InlineData("https://example.com/livekit/", "https://example.com/livekit")]
    [InlineData("WSS://Example.com:8443/x?y=1", "https://example.com:8443/x")]
    public void Url_is_normalized_to_an_http_base(string url, string expected)
    {
        Assert.Equal(expected, ServiceUrl.ToHttpBase(url, "url"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:7880/rooms")]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    public void Url_that_is_not_ws_or_http_is_refused(string url)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new RoomServiceClient(url, ApiKey, ApiSecret, _httpClient));

        Assert.Equal("url", error.ParamName);
    }
}
