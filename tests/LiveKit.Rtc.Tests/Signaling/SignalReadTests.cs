using System;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Proto;
using LiveKit.Rtc.Signaling;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Signaling;

/// <summary>What a started <see cref="SignalClient"/> hands to its listener, and how it reports the end of the connection.</summary>
public sealed class SignalReadTests
{
    private const string Room = "read-room";
    private static readonly SignalJoinOptions Options = new() { ConnectTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Responses_after_the_join_reach_the_listener_in_arrival_order()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        var listener = new RecordingSignalListener();
        await using SignalClient alice = await JoinAsync(server, "alice");
        alice.Start(listener);

        await using SignalClient bob = await JoinAsync(server, "bob");
        var api = new RoomServiceClient(server.HttpUrl.ToString(), server.ApiKey, server.ApiSecret);
        for (int i = 1; i <= 5; i++)
        {
            await api.UpdateRoomMetadataAsync(new UpdateRoomMetadataRequest { Room = Room, Metadata = $"m{i}" });
        }

        var responses = await listener.WaitUntilAsync(
            list => list.Any(r => r.RoomUpdate?.Room.Metadata == "m5"), "the fifth room update");
        string[] metadata = responses.Where(r => r.RoomUpdate is not null && r.RoomUpdate.Room.Metadata.Length > 0)
            .Select(r => r.RoomUpdate.Room.Metadata).ToArray();
        Assert.Equal(new[] { "m1", "m2", "m3", "m4", "m5" }, metadata);
        Assert.DoesNotContain(responses, r => r.MessageCase == SignalResponse.MessageOneofCase.Join);
        Assert.False(listener.Closed.IsCompleted);
    }

    [Fact]
    public async Task CloseAsync_sends_a_leave_that_the_others_see_as_a_disconnected_update()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        var listener = new RecordingSignalListener();
        await using SignalClient alice = await JoinAsync(server, "alice");
        alice.Start(listener);

        // The others hear of a participant once its PeerConnection is up (none here), but of its leave in any case.
        await using SignalClient bob = await JoinAsync(server, "bob");
        await bob.CloseAsync(new LeaveRequest { Reason = Proto.DisconnectReason.ClientInitiated, Action = LeaveRequest.Types.Action.Disconnect });

        SignalResponse gone = await listener.WaitForAsync(
            r => r.Update?.Participants.Any(p => p.Identity == "bob" && p.State == ParticipantInfo.Types.State.Disconnected) == true,
            "bob's DISCONNECTED update");
        ParticipantInfo info = gone.Update.Participants.Single(p => p.Identity == "bob");
        Assert.Equal(Proto.DisconnectReason.ClientInitiated, info.DisconnectReason);
        Assert.True(bob.IsClosed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bob.SendAsync(new SignalRequest { PingReq = new Ping() }).AsTask());
    }

    [Fact]
    public async Task The_servers_leave_reaches_the_listener_then_the_close_is_reported()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        var listener = new RecordingSignalListener();
        await using SignalClient alice = await JoinAsync(server, "alice");
        alice.Start(listener);

        await server.Faults.SendLeaveAsync(Room, "alice", LeaveRequest.Types.Action.Disconnect, Proto.DisconnectReason.ParticipantRemoved);

        SignalResponse leave = await listener.WaitForAsync(r => r.Leave is not null, "the leave");
        Assert.Equal(Proto.DisconnectReason.ParticipantRemoved, leave.Leave.Reason);
        Assert.Equal(LeaveRequest.Types.Action.Disconnect, leave.Leave.Action);
        SignalClosed closed = await listener.Closed.WaitAsync(RecordingSignalListener.Timeout);
        Assert.Equal(SignalCloseReason.ServerClosed, closed.Reason);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, closed.CloseStatus);
        Assert.False(closed.IsFailure);
        Assert.True(alice.IsClosed);
        Assert.False(listener.ResponseAfterClose);
        Assert.Equal(1, listener.CloseCount);
    }

    [Fact]
    public async Task A_connection_dropped_without_a_close_frame_is_reported_as_lost()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        var listener = new RecordingSignalListener();
        await using SignalClient alice = await JoinAsync(server, "alice");
        alice.Start(listener);

        await server.Faults.CloseSignalConnectionAsync(Room, "alice");

        SignalClosed closed = await listener.Closed.WaitAsync(RecordingSignalListener.Timeout);
        Assert.Equal(SignalCloseReason.ConnectionLost, closed.Reason);
        Assert.NotNull(closed.Exception);
        Assert.True(closed.IsFailure);
        await Assert.ThrowsAsync<InvalidOperationException>(() => alice.SendAsync(new SignalRequest { PingReq = new Ping() }).AsTask());
    }

    [Fact]
    public async Task A_close_frame_from_the_server_is_reported_with_its_status_and_text()
    {
        await using var server = FakeSignalServer.Start(async exchange =>
        {
            using WebSocket socket = await exchange.AcceptWebSocketAsync();
            await FakeExchange.SendAsync(socket, FakeExchange.JoinResponse());
            await socket.CloseOutputAsync((WebSocketCloseStatus)4001, "going away for a test", CancellationToken.None);
            while (await FakeExchange.ReceiveAsync(socket, CancellationToken.None) is not null)
            {
            }
        });
        var listener = new RecordingSignalListener();
        await using SignalClient client = await SignalClient.ConnectAsync(server.Url, "token", Options, new TestLogger(), CancellationToken.None);

        client.Start(listener);

        SignalClosed closed = await listener.Closed.WaitAsync(RecordingSignalListener.Timeout);
        Assert.Equal(SignalCloseReason.ServerClosed, closed.Reason);
        Assert.Equal((WebSocketCloseStatus)4001, closed.CloseStatus);
        Assert.Equal("going away for a test", closed.CloseDescription);
        Assert.True(closed.IsFailure);
    }

    [Fact]
    public async Task A_frame_that_is_not_a_signal_response_is_dropped_and_the_connection_goes_on()
    {
        await using var server = FakeSignalServer.Start(async exchange =>
        {
            using WebSocket socket = await exchange.AcceptWebSocketAsync();
            await FakeExchange.SendAsync(socket, FakeExchange.JoinResponse());
            await socket.SendAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, WebSocketMessageType.Binary, true, CancellationToken.None);
            await socket.SendAsync("{\"refresh_token\":\"x\"}"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.SendAsync(new byte[SignalFrameReader.MaxFrameSize + 1000], WebSocketMessageType.Binary, true, CancellationToken.None);
            await FakeExchange.SendAsync(socket, new SignalResponse { RefreshToken = "after the garbage" });
            while (await FakeExchange.ReceiveAsync(socket, CancellationToken.None) is not null)
            {
            }
        });
        var logger = new TestLogger();
        var listener = new RecordingSignalListener();
        await using SignalClient client = await SignalClient.ConnectAsync(server.Url, "token", Options, logger, CancellationToken.None);

        client.Start(listener);

        SignalResponse after = await listener.WaitForAsync(r => r.RefreshToken.Length > 0, "the message after the garbage");
        Assert.Equal("after the garbage", after.RefreshToken);
        Assert.Single(listener.Responses);
        Assert.Equal(3, client.DroppedFrames);
        Assert.Equal(3, logger.Entries.Count(e => e.EventId.Id == 303));
        Assert.False(listener.Closed.IsCompleted);
    }

    [Fact]
    public async Task A_large_message_is_read_whole()
    {
        string metadata = new('x', 300 * 1024);
        await using var server = FakeSignalServer.Start(async exchange =>
        {
            using WebSocket socket = await exchange.AcceptWebSocketAsync();
            await FakeExchange.SendAsync(socket, FakeExchange.JoinResponse());
            await FakeExchange.SendAsync(socket, new SignalResponse { RoomUpdate = new RoomUpdate { Room = new Proto.Room { Metadata = metadata } } });
            await FakeExchange.SendAsync(socket, new SignalResponse { RefreshToken = "small" });
            while (await FakeExchange.ReceiveAsync(socket, CancellationToken.None) is not null)
            {
            }
        });
        var listener = new RecordingSignalListener();
        await using SignalClient client = await SignalClient.ConnectAsync(server.Url, "token", Options, new TestLogger(), CancellationToken.None);

        client.Start(listener);

        var responses = await listener.WaitUntilAsync(list => list.Count == 2, "both messages");
        Assert.Equal(metadata, responses[0].RoomUpdate.Room.Metadata);
        Assert.Equal("small", responses[1].RefreshToken);
        Assert.Equal(0, client.DroppedFrames);
    }

    [Fact]
    public async Task Start_twice_is_refused()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalClient alice = await JoinAsync(server, "alice");
        alice.Start(new RecordingSignalListener());

        Assert.Throws<InvalidOperationException>(() => alice.Start(new RecordingSignalListener()));
    }

    private static Task<SignalClient> JoinAsync(LiveKitTestServer server, string identity) =>
        SignalClient.ConnectAsync(server.Url.ToString(), server.CreateToken(identity, Room), Options, new TestLogger(), CancellationToken.None);
}
