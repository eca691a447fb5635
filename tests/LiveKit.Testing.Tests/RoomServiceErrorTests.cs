using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// The RoomService's error answers, as Twirp JSON bodies with the real server's codes: a call without a token or
/// without the grant it needs is <c>unauthenticated</c> (401: pkg/service/auth.go twirpAuthError wraps every
/// Ensure*Permission failure in twirp.Unauthenticated), a missing room or participant <c>not_found</c> (404), an
/// unknown method <c>bad_route</c> (404), a body that does not decode <c>malformed</c> (400).
/// </summary>
public sealed class RoomServiceErrorTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();

        (HttpStatusCode status, string code, string message) = await CallAsync(server, "ListRooms", "{}", token: null);

        // The middleware lets a request without a token through without grants; the method's check refuses it.
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(TwirpErrorCodes.Unauthenticated, code);
        Assert.Equal("permissions denied", message);
    }

    [Fact]
    public async Task A_call_with_a_bad_token_is_unauthenticated()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string forged = new AccessToken(server.ApiKey, "not-the-secret") { Video = new VideoGrants { RoomList = true } }.ToJwt();

        // The auth middleware refuses it before Twirp: plain text, not a Twirp error (pkg/service/auth.go HandleError).
        (HttpStatusCode status, string body, _) = await RoomServiceTests.PostJsonAsync(server, "ListRooms", "{}", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal($"invalid token: {forged}, error: go-jose/go-jose: error in cryptographic primitive", body);
    }

    [Fact]
    public async Task A_call_without_the_needed_grant_is_unauthenticated_with_permissions_denied()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string joinOnly = server.CreateToken("alice", "some-room");

        (HttpStatusCode status, string code, string message) = await CallAsync(server, "ListRooms", "{}", joinOnly);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(TwirpErrorCodes.Unauthenticated, code);
        Assert.Equal("permissions denied", message);
    }

    [Fact]
    public async Task A_room_admin_grant_for_another_room_is_unauthenticated()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "room-a");

        (HttpStatusCode status, string code, _) = await CallAsync(server, "ListParticipants", """{"room":"room-a"}""", server.CreateAdminToken("room-b"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(TwirpErrorCodes.Unauthenticated, code);
    }

    [Fact]
    public async Task A_move_without_the_destination_room_grant_is_unauthenticated()
    {
        // MoveParticipant checks roomAdmin on the room and destinationRoom on the destination (EnsureDestRoomPermission).
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "move-from");
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", "move-to");

        (HttpStatusCode status, string code, _) = await CallAsync(
            server, "MoveParticipant", """{"room":"move-from","identity":"alice","destinationRoom":"move-to"}""", server.CreateAdminToken("move-from"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(TwirpErrorCodes.Unauthenticated, code);
        using RoomServiceClient api = RoomServiceTests.ApiOf(server);
        Assert.Equal(new[] { "alice" }, (await api.ListParticipantsAsync(new ListParticipantsRequest { Room = "move-from" })).Participants.Select(p => p.Identity));
    }

    [Theory]
    [InlineData("DeleteRoom", """{"room":"no-such-room"}""", "no-such-room")]
    [InlineData("UpdateRoomMetadata", """{"room":"no-such-room","metadata":"x"}""", "no-such-room")]
    [InlineData("GetParticipant", """{"room":"existing-room","identity":"nobody"}""", "existing-room")]
    [InlineData("RemoveParticipant", """{"room":"existing-room","identity":"nobody"}""", "existing-room")]
    [InlineData("UpdateParticipant", """{"room":"existing-room","identity":"nobody","metadata":"x"}""", "existing-room")]
    public async Task A_missing_room_or_participant_is_not_found(string method, string json, string room)
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "existing-room");
        string token = method == "DeleteRoom" ? server.CreateAdminToken() : server.CreateAdminToken(room);

        (HttpStatusCode status, string code, _) = await CallAsync(server, method, json, token);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(TwirpErrorCodes.NotFound, code);
    }

    [Fact]
    public async Task MoveParticipant_to_the_same_room_is_an_invalid_argument()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = RoomServiceTests.ApiOf(server);
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", "stay");

        TwirpException error = await Assert.ThrowsAsync<TwirpException>(() =>
            api.MoveParticipantAsync(new MoveParticipantRequest { Room = "stay", Identity = "alice", DestinationRoom = "stay" }));

        Assert.Equal(TwirpErrorCodes.InvalidArgument, error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatus);
    }

    [Fact]
    public async Task The_client_surfaces_not_found_as_a_TwirpException()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = RoomServiceTests.ApiOf(server);

        TwirpException error = await Assert.ThrowsAsync<TwirpException>(() => api.DeleteRoomAsync(new DeleteRoomRequest { Room = "no-such-room" }));

        Assert.Equal(TwirpErrorCodes.NotFound, error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatus);
    }

    [Fact]
    public async Task ListParticipants_of_a_missing_room_is_an_empty_list()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = RoomServiceTests.ApiOf(server);

        ListParticipantsResponse list = await api.ListParticipantsAsync(new ListParticipantsRequest { Room = "no-such-room" });

        Assert.Empty(list.Participants);
    }

    [Fact]
    public async Task An_unknown_method_is_bad_route()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();

        (HttpStatusCode status, string code, _) = await CallAsync(server, "MakeCoffee", "{}", server.CreateAdminToken());

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(TwirpErrorCodes.BadRoute, code);
    }

    [Fact]
    public async Task A_json_body_that_does_not_decode_is_malformed()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();

        (HttpStatusCode status, string code, _) = await CallAsync(server, "CreateRoom", "{\"name\": ", server.CreateAdminToken());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(TwirpErrorCodes.Malformed, code);
    }

    [Fact]
    public async Task A_protobuf_body_that_does_not_decode_is_malformed()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.HttpUrl, "twirp/livekit.RoomService/CreateRoom"))
        {
            // Field 1 with wire type 7, which protobuf does not define.
            Content = new ByteArrayContent(new byte[] { 0x0F, 0x01, 0x02, 0x03 }),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/protobuf");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.CreateAdminToken());

        using HttpResponseMessage response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TwirpErrorCodes.Malformed, CodeOf(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<(HttpStatusCode Status, string Code, string Message)> CallAsync(LiveKitTestServer server, string method, string json, string? token)
    {
        (HttpStatusCode status, string body, string? type) = await RoomServiceTests.PostJsonAsync(server, method, json, token);
        Assert.Equal("application/json", type);
        using JsonDocument document = JsonDocument.Parse(body);
        return (status, document.RootElement.GetProperty("code").GetString()!, document.RootElement.GetProperty("msg").GetString()!);
    }

    private static string CodeOf(string body)
    {
        using JsonDocument document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("code").GetString()!;
    }
}
