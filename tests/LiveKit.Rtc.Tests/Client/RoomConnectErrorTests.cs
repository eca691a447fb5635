using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>Joins that cannot succeed fail with a typed reason, and leave the room disconnected and reusable.</summary>
public sealed class RoomConnectErrorTests : IAsyncLifetime
{
    private LiveKitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions { AutoCreateRooms = false });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_token_signed_with_another_secret_is_an_invalid_token()
    {
        string forged = new AccessToken(_server.ApiKey, "not-the-secret") { Identity = "alice", Video = new VideoGrants { RoomJoin = true, Room = "lobby" } }.ToJwt();

        RoomConnectException failed = await ConnectFailsAsync(forged);

        Assert.Equal(RoomConnectFailure.InvalidToken, failed.Failure);
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.False(failed.IsRetryable);
        // The server quotes the token in its answer; the exception, which ends up in logs, must not.
        Assert.Contains("invalid token: <token>", failed.Message);
        Assert.DoesNotContain(forged, failed.Message + failed.ServerMessage);
    }

    [Fact]
    public async Task A_missing_room_without_create_permission_is_room_not_found()
    {
        RoomConnectException failed = await ConnectFailsAsync(_server.CreateToken("alice", "nowhere"));

        Assert.Equal(RoomConnectFailure.RoomNotFound, failed.Failure);
        Assert.Contains("does not exist", failed.Message);
    }

    [Fact]
    public async Task A_token_without_room_join_is_not_allowed()
    {
        string token = new AccessToken(_server.ApiKey, _server.ApiSecret) { Identity = "alice", Video = new VideoGrants { Room = "lobby" } }.ToJwt();

        RoomConnectException failed = await ConnectFailsAsync(token);

        Assert.Equal(RoomConnectFailure.NotAllowed, failed.Failure);
    }

    [Fact]
    public async Task A_url_where_nothing_listens_is_server_unreachable_after_the_retries()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var room = new Room();
        var log = new RoomEventLog(room);
        RoomConnectException failed = await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(
            $"ws://127.0.0.1:{port}", _server.CreateToken("alice", "lobby"), new RoomOptions { JoinRetries = 2, JoinRetryDelay = TimeSpan.Zero }));

        Assert.Equal(RoomConnectFailure.ServerUnreachable, failed.Failure);
        Assert.True(failed.IsRetryable);
        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
        Assert.Equal(["connection_state_changed Connecting", "connection_state_changed Disconnected"], log.Events.Select(e => e.ToString()));
        await room.DisposeAsync();
    }

    [Fact]
    public async Task A_server_that_accepts_the_connection_and_never_answers_is_a_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        Task<TcpClient> accepted = silent.AcceptTcpClientAsync();
        await using var room = new Room();

        RoomConnectException failed = await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(
            $"ws://127.0.0.1:{port}", "token", new RoomOptions { ConnectTimeout = TimeSpan.FromSeconds(1), JoinRetries = 0 }));

        Assert.Equal(RoomConnectFailure.Timeout, failed.Failure);
        Assert.Contains("1 s", failed.Message);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task A_failed_room_connects_once_the_cause_is_fixed()
    {
        var room = new Room();
        await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(_server.Url.ToString(), _server.CreateToken("alice", "later")));
        using var api = new RoomServiceClient(_server.HttpUrl.ToString(), _server.ApiKey, _server.ApiSecret);
        await api.CreateRoomAsync(new Proto.CreateRoomRequest { Name = "later" });

        await room.ConnectAsync(_server.Url.ToString(), _server.CreateToken("alice", "later"));

        Assert.Equal(ConnectionState.Connected, room.ConnectionState);
        await room.DisposeAsync();
    }

    [Fact]
    public async Task Cancelling_the_join_throws_operation_canceled_and_leaves_the_room_disconnected()
    {
        var room = new Room();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => room.ConnectAsync(_server.Url.ToString(), _server.CreateToken("alice", "lobby"), null, cancelled.Token));

        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
        await room.DisposeAsync();
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    public async Task A_url_that_is_not_a_livekit_url_is_an_argument_error(string url)
    {
        var room = new Room();
        await Assert.ThrowsAsync<ArgumentException>(() => room.ConnectAsync(url, "token"));
        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
        await room.DisposeAsync();
    }

    private async Task<RoomConnectException> ConnectFailsAsync(string token)
    {
        var room = new Room();
        try
        {
            return await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(_server.Url.ToString(), token));
        }
        finally
        {
            Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
            await room.DisposeAsync();
        }
    }
}
