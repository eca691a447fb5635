using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Proto;
using LiveKit.Rtc.Signaling;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Signaling;

/// <summary>
/// Joining through <see cref="SignalClient.ConnectAsync"/>: the join response, and each way a join fails, typed from
/// the server's <c>/rtc/validate</c> answer (texts: src/LiveKit.Api/README.md, "Server validation answers").
/// </summary>
public sealed class SignalConnectTests
{
    private const string Room = "signal-room";
    private static readonly SignalJoinOptions Options = new() { ConnectTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task A_join_returns_the_join_response_with_the_room_and_the_participant()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();

        await using SignalClient client = await SignalClient.ConnectAsync(
            server.Url.ToString(), server.CreateToken("alice", Room), Options, new TestLogger(), CancellationToken.None);

        Assert.Equal(Room, client.Join.Room.Name);
        Assert.Equal("alice", client.Join.Participant.Identity);
        Assert.StartsWith("PA_", client.Join.Participant.Sid, StringComparison.Ordinal);
        Assert.Equal(5, client.Join.PingInterval);
        Assert.Equal(15, client.Join.PingTimeout);
        Assert.False(client.IsClosed);
    }

    [Fact]
    public async Task A_token_signed_with_another_secret_is_an_invalid_token_with_the_servers_text()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string token = new AccessToken(server.ApiKey, "not-the-secret")
        {
            Identity = "alice",
            Video = new VideoGrants { RoomJoin = true, Room = Room },
        }.ToJwt();

        RoomConnectException failure = await ConnectFailsAsync(server.Url.ToString(), token);

        Assert.Equal(RoomConnectFailure.InvalidToken, failure.Failure);
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        // The server quotes the token; the SDK redacts it (exception texts end up in logs).
        Assert.Equal("invalid token: <token>, error: go-jose/go-jose: error in cryptographic primitive", failure.ServerMessage);
        Assert.Contains("error in cryptographic primitive", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public async Task An_expired_token_is_an_invalid_token_with_the_servers_text()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string token = new AccessToken(server.ApiKey, server.ApiSecret)
        {
            Identity = "alice",
            Video = new VideoGrants { RoomJoin = true, Room = Room },
            Ttl = TimeSpan.FromMinutes(10),
        }.ToJwt(new FixedTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)));

        RoomConnectException failure = await ConnectFailsAsync(server.Url.ToString(), token);

        Assert.Equal(RoomConnectFailure.InvalidToken, failure.Failure);
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.EndsWith("token is expired (exp)", failure.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("token is expired (exp)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_room_join_is_not_allowed()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string token = server.CreateToken("alice", Room, configure: t => t.Video = t.Video! with { RoomJoin = false });

        RoomConnectException failure = await ConnectFailsAsync(server.Url.ToString(), token);

        Assert.Equal(RoomConnectFailure.NotAllowed, failure.Failure);
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.Equal("permissions denied", failure.ServerMessage);
        Assert.Contains("permissions denied", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_a_video_grant_is_not_allowed()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        string token = new AccessToken(server.ApiKey, server.ApiSecret) { Identity = "alice" }.ToJwt();

        RoomConnectException failure = await ConnectFailsAsync(server.Url.ToString(), token);

        Assert.Equal(RoomConnectFailure.NotAllowed, failure.Failure);
        Assert.Equal("no permissions to access the room", failure.ServerMessage);
    }

    [Fact]
    public async Task A_missing_room_that_the_server_does_not_create_is_room_not_found()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions { AutoCreateRooms = false });

        RoomConnectException failure = await ConnectFailsAsync(server.Url.ToString(), server.CreateToken("alice", "no-such-room"));

        Assert.Equal(RoomConnectFailure.RoomNotFound, failure.Failure);
        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Equal("requested room does not exist", failure.ServerMessage);
        Assert.Contains("requested room does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_where_nothing_listens_is_server_unreachable()
    {
        int port;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        RoomConnectException failure = await ConnectFailsAsync($"ws://127.0.0.1:{port}", "token");

        Assert.Equal(RoomConnectFailure.ServerUnreachable, failure.Failure);
        Assert.NotNull(failure.InnerException);
        Assert.Null(failure.StatusCode);
        Assert.True(failure.IsRetryable);
    }

    [Fact]
    public async Task An_http_server_that_is_not_livekit_is_server_unreachable()
    {
        await using var server = FakeSignalServer.Start(exchange => exchange.RespondAsync(404, "404 page not found"));

        RoomConnectException failure = await ConnectFailsAsync(server.Url, "token");

        Assert.Equal(RoomConnectFailure.ServerUnreachable, failure.Failure);
        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Equal("404 page not found", failure.ServerMessage);
    }

    [Fact]
    public async Task An_upgrade_refused_although_validate_says_success_is_a_server_error()
    {
        await using var server = FakeSignalServer.Start(exchange => exchange.Path == "/rtc/validate"
            ? exchange.RespondAsync(200, "success")
            : exchange.RespondAsync(503, "node has exceeded its configured limit"));

        RoomConnectException failure = await ConnectFailsAsync(server.Url, "token");

        Assert.Equal(RoomConnectFailure.ServerError, failure.Failure);
        Assert.Contains("accepted the token", failure.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Equal("success", failure.ServerMessage);
    }

    [Fact]
    public async Task A_server_error_on_validate_is_a_server_error_with_its_text()
    {
        await using var server = FakeSignalServer.Start(exchange => exchange.RespondAsync(503, "node has exceeded its configured limit\n"));

        RoomConnectException failure = await ConnectFailsAsync(server.Url, "token");

        Assert.Equal(RoomConnectFailure.ServerError, failure.Failure);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Equal("node has exceeded its configured limit", failure.ServerMessage);
        Assert.Contains("node has exceeded its configured limit", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leave_as_the_first_message_is_a_refusal_with_its_reason()
    {
        await using var server = FakeSignalServer.Start(async exchange =>
        {
            using var socket = await exchange.AcceptWebSocketAsync();
            await FakeExchange.SendAsync(socket, new SignalResponse
            {
                Leave = new LeaveRequest { Reason = Proto.DisconnectReason.JoinFailure, Action = LeaveRequest.Types.Action.Disconnect },
            });
            await FakeExchange.ReceiveAsync(socket, CancellationToken.None);
        });

        RoomConnectException failure = await ConnectFailsAsync(server.Url, "token");

        Assert.Equal(RoomConnectFailure.Refused, failure.Failure);
        Assert.Equal(DisconnectReason.JoinFailure, failure.DisconnectReason);
        Assert.Equal("JoinFailure", failure.ServerMessage);
    }

    [Fact]
    public async Task Another_first_message_is_a_server_error()
    {
        await using var server = FakeSignalServer.Start(async exchange =>
        {
            using var socket = await exchange.AcceptWebSocketAsync();
            await FakeExchange.SendAsync(socket, new SignalResponse { RefreshToken = "t" });
            await FakeExchange.ReceiveAsync(socket, CancellationToken.None);
        });

        RoomConnectException failure = await ConnectFailsAsync(server.Url, "token");

        Assert.Equal(RoomConnectFailure.ServerError, failure.Failure);
        Assert.Contains("RefreshToken", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_is_a_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        string url = $"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        var options = new SignalJoinOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) };

        RoomConnectException failure = await Assert.ThrowsAsync<RoomConnectException>(
            () => SignalClient.ConnectAsync(url, "token", options, new TestLogger(), CancellationToken.None));

        Assert.Equal(RoomConnectFailure.Timeout, failure.Failure);
        Assert.True(failure.IsRetryable);
    }

    [Fact]
    public async Task The_callers_cancellation_is_thrown_as_is()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        string url = $"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        using var cancel = new CancellationTokenSource();

        Task<SignalClient> connecting = SignalClient.ConnectAsync(url, "token", Options, new TestLogger(), cancel.Token);
        using TcpClient accepted = await listener.AcceptTcpClientAsync().WaitAsync(RecordingSignalListener.Timeout);
        cancel.Cancel();

        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
        Assert.Equal(cancel.Token, canceled.CancellationToken);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_connecting()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SignalClient.ConnectAsync("ftp://x", "t", Options, new TestLogger(), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => SignalClient.ConnectAsync("ws://x", "", Options, new TestLogger(), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => SignalClient.ConnectAsync(
            "ws://x", "t", Options with { ConnectTimeout = TimeSpan.Zero }, new TestLogger(), CancellationToken.None));
    }

    private static Task<RoomConnectException> ConnectFailsAsync(string url, string token) =>
        Assert.ThrowsAsync<RoomConnectException>(() => SignalClient.ConnectAsync(url, token, Options, new TestLogger(), CancellationToken.None));
}
