using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// <c>/rtc/validate</c> and the <c>/rtc</c> upgrade refuse a join with the real server's statuses and texts:
/// livekit/livekit pkg/service/auth.go (APIKeyAuthMiddleware: the token is read from <c>Authorization: Bearer</c>,
/// else from <c>access_token</c>; parse, key and signature/time failures are 401) and pkg/service/utils.go
/// (ValidateConnectRequest: no claims 401 "no permissions to access the room", no roomJoin 401 "permissions
/// denied", empty identity 400, no room in the grant 400 "no room name" (the current server never reads a
/// <c>room</c> query parameter), a missing room without auto-create 404). Expiry and not-before have go-jose's 60 s
/// leeway. The table of answers: src/LiveKit.Api/README.md, "Server validation answers".
/// </summary>
public sealed class ValidationTests
{
    private const string Room = "validation-room";
    private static readonly HttpClient Http = new();

    [Theory]
    [InlineData("valid", 200, "success")]
    [InlineData("bearer_header", 200, "success")]
    [InlineData("expired_within_leeway", 200, "success")]
    [InlineData("no_token", 401, "no permissions to access the room")]
    [InlineData("no_video_grant", 401, "no permissions to access the room")]
    [InlineData("no_room_join", 401, "permissions denied")]
    [InlineData("malformed_token", 401, "invalid authorization token")]
    [InlineData("unknown_api_key", 401, "invalid API key: unknown-key")]
    [InlineData("wrong_signature", 401, "invalid token: {token}, error: go-jose/go-jose: error in cryptographic primitive")]
    [InlineData("expired", 401, "invalid token: {token}, error: go-jose/go-jose/jwt: validation failed, token is expired (exp)")]
    [InlineData("not_yet_valid", 401, "invalid token: {token}, error: go-jose/go-jose/jwt: validation failed, token not valid yet (nbf)")]
    [InlineData("empty_identity", 400, "identity cannot be empty")]
    [InlineData("no_room", 400, "no room name")]
    [InlineData("authorization_not_bearer", 401, "invalid authorization header. Must start with Bearer ")]
    public async Task Validate_answers_with_the_real_servers_status_and_text(string request, int status, string text)
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        (string? token, string? authorization) = RequestFor(request, server);

        (HttpStatusCode answered, string body) = await ValidateAsync(server, token, authorization);

        Assert.Equal((HttpStatusCode)status, answered);
        Assert.Equal(text.Replace("{token}", token, StringComparison.Ordinal), body);
    }

    [Theory]
    [InlineData("valid", 0)]
    [InlineData("bearer_header", 0)]
    [InlineData("expired_within_leeway", 0)]
    [InlineData("no_token", 401)]
    [InlineData("no_video_grant", 401)]
    [InlineData("no_room_join", 401)]
    [InlineData("malformed_token", 401)]
    [InlineData("unknown_api_key", 401)]
    [InlineData("wrong_signature", 401)]
    [InlineData("expired", 401)]
    [InlineData("not_yet_valid", 401)]
    [InlineData("empty_identity", 400)]
    [InlineData("no_room", 400)]
    [InlineData("authorization_not_bearer", 401)]
    public async Task The_rtc_upgrade_is_refused_with_the_same_status_as_validate(string request, int status)
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        (string? token, string? authorization) = RequestFor(request, server);

        HttpStatusCode? refused = await SignalTestClient.TryUpgradeAsync(UriFor(server, "rtc", token), options =>
        {
            if (authorization is not null)
            {
                options.SetRequestHeader("Authorization", authorization);
            }
        });

        HttpStatusCode? expected = status == 0 ? null : (HttpStatusCode)status;
        Assert.Equal(expected, refused);
    }

    [Fact]
    public async Task A_missing_room_is_404_when_rooms_are_not_created_on_join_and_joinable_once_created()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions { AutoCreateRooms = false });
        string token = server.CreateToken("alice", "not-created");

        (HttpStatusCode status, string body) = await ValidateAsync(server, token, null);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("requested room does not exist", body);
        Assert.Equal(HttpStatusCode.NotFound, await SignalTestClient.TryUpgradeAsync(SignalTestClient.SignalUri(server, token)));

        using var api = new RoomServiceClient(server.HttpUrl.ToString(), server.ApiKey, server.ApiSecret);
        await api.CreateRoomAsync(new CreateRoomRequest { Name = "not-created" });
        (status, body) = await ValidateAsync(server, token, null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("success", body);
    }

    [Fact]
    public async Task A_bearer_header_joins_like_the_query_parameter()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string token = server.CreateToken("alice", Room);

        await using SignalTestClient client = await SignalTestClient.ConnectAsync(
            SignalTestClient.SignalUriWithoutToken(server), options => options.SetRequestHeader("Authorization", "Bearer " + token));

        SignalResponse join = await client.WaitForAsync(SignalResponse.MessageOneofCase.Join);
        Assert.Equal(Room, join.Join.Room.Name);
        Assert.Equal("alice", join.Join.Participant.Identity);
    }

    [Fact]
    public async Task The_grants_room_wins_over_the_room_query_parameter()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string token = server.CreateToken("alice", "room-in-grant");

        await using SignalTestClient client = await SignalTestClient.ConnectAsync(server, token, "&room=room-in-query");

        SignalResponse join = await client.WaitForAsync(SignalResponse.MessageOneofCase.Join);
        Assert.Equal("room-in-grant", join.Join.Room.Name);
    }

    [Fact]
    public async Task A_token_without_a_room_is_refused_even_with_a_room_query_parameter()
    {
        // The current server never reads the room query parameter (rtcservice.go validateInternal leaves
        // ValidateConnectRequestParams.roomName unset), so only the grant names the room (src/LiveKit.Api/README.md).
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string token = new AccessToken(server.ApiKey, server.ApiSecret) { Identity = "alice", Video = new VideoGrants { RoomJoin = true } }.ToJwt();

        (HttpStatusCode status, _) = await ValidateAsync(server, token, null, "&room=room-in-query");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.BadRequest, await SignalTestClient.TryUpgradeAsync(SignalTestClient.SignalUri(server, token, "&room=room-in-query")));
    }

    [Theory]
    [InlineData("rtc/v1")]
    [InlineData("rtc/v1/validate")]
    public async Task Single_peer_connection_paths_answer_404_so_that_clients_fall_back(string path)
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string token = server.CreateToken("alice", Room);

        using HttpResponseMessage response = await Http.GetAsync(UriFor(server, path, token, http: true));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (path == "rtc/v1")
        {
            Assert.Equal(HttpStatusCode.NotFound, await SignalTestClient.TryUpgradeAsync(UriFor(server, path, token)));
        }
    }

    [Fact]
    public async Task A_plain_get_of_rtc_is_404()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();

        using HttpResponseMessage response = await Http.GetAsync(UriFor(server, "rtc", server.CreateToken("alice", Room), http: true));

        // RTCService.ServeHTTP (pkg/service/rtcservice.go) answers anything but a WebSocket upgrade with an empty 404.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    private static (string? Token, string? Authorization) RequestFor(string request, LiveKitTestServer server)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string valid = server.CreateToken("alice", Room);
        return request switch
        {
            "valid" => (valid, null),
            "bearer_header" => (null, "Bearer " + valid),
            "authorization_not_bearer" => (null, "Token " + valid),
            "no_token" => (null, null),
            "malformed_token" => ("not-a-jwt", null),
            "wrong_signature" => (new AccessToken(server.ApiKey, "another-secret") { Identity = "alice", Video = new VideoGrants { RoomJoin = true, Room = Room } }.ToJwt(), null),
            "unknown_api_key" => (new AccessToken("unknown-key", server.ApiSecret) { Identity = "alice", Video = new VideoGrants { RoomJoin = true, Room = Room } }.ToJwt(), null),
            // exp one hour ago: far past the 60 s leeway.
            "expired" => (TestTokens.IssuedAt(server, "alice", Room, now.AddHours(-2), TimeSpan.FromHours(1)), null),
            // exp 30 s ago: inside the 60 s leeway (go-jose DefaultLeeway).
            "expired_within_leeway" => (TestTokens.IssuedAt(server, "alice", Room, now.AddSeconds(-90), TimeSpan.FromSeconds(60)), null),
            // nbf (and iat) five minutes ahead.
            "not_yet_valid" => (TestTokens.IssuedAt(server, "alice", Room, now.AddMinutes(5), TimeSpan.FromHours(1)), null),
            "no_video_grant" => (new AccessToken(server.ApiKey, server.ApiSecret) { Identity = "alice" }.ToJwt(), null),
            "no_room_join" => (new AccessToken(server.ApiKey, server.ApiSecret) { Identity = "alice", Video = new VideoGrants { Room = Room } }.ToJwt(), null),
            "no_room" => (new AccessToken(server.ApiKey, server.ApiSecret) { Identity = "alice", Video = new VideoGrants { RoomJoin = true } }.ToJwt(), null),
            // AccessToken refuses roomJoin without an identity, so this one is signed by hand.
            "empty_identity" => (TestTokens.Sign(
                $$$"""{"iss":"{{{server.ApiKey}}}","sub":"","nbf":{{{TestTokens.Seconds(now)}}},"exp":{{{TestTokens.Seconds(now.AddHours(1))}}},"video":{"roomJoin":true,"room":"{{{Room}}}"}}""",
                server.ApiSecret), null),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, "unknown request"),
        };
    }

    private static Uri UriFor(LiveKitTestServer server, string path, string? token, bool http = false)
    {
        Uri baseUri = http ? server.HttpUrl : server.Url;
        string query = "protocol=17&sdk=dotnet-tests&version=0.1" + (token is null ? "" : "&access_token=" + token);
        return new Uri(baseUri, path + "?" + query);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ValidateAsync(LiveKitTestServer server, string? token, string? authorization, string extraQuery = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(UriFor(server, "rtc/validate", token, http: true) + extraQuery));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
