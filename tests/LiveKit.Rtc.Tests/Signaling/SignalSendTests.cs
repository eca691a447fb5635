using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Rtc.Signaling;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Signaling;

/// <summary>Requests through the one writer, and closing.</summary>
public sealed class SignalSendTests
{
    private static readonly SignalJoinOptions Options = new() { ConnectTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Requests_leave_in_the_order_of_the_calls()
    {
        const int Count = 200;
        Channel<SignalRequest> received = Channel.CreateUnbounded<SignalRequest>();
        await using var server = FakeSignalServer.Start(exchange => RecordRequestsAsync(exchange, received.Writer));
        await using SignalClient client = await SignalClient.ConnectAsync(server.Url, "token", Options, new TestLogger(), CancellationToken.None);

        var sends = new List<Task>();
        for (int i = 0; i < Count; i++)
        {
            sends.Add(client.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = i } }).AsTask());
        }

        await Task.WhenAll(sends).WaitAsync(RecordingSignalListener.Timeout);
        for (int i = 0; i < Count; i++)
        {
            SignalRequest request = await received.Reader.ReadAsync().AsTask().WaitAsync(RecordingSignalListener.Timeout);
            Assert.Equal(i, request.PingReq.Timestamp);
        }
    }

    [Fact]
    public async Task Concurrent_sends_all_arrive()
    {
        const int Count = 64;
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        var listener = new RecordingSignalListener();
        await using SignalClient client = await SignalClient.ConnectAsync(
            server.Url.ToString(), server.CreateToken("alice", "send-room"), Options, new TestLogger(), CancellationToken.None);
        client.Start(listener);

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] senders = Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
        {
            await go.Task;
            for (int i = 0; i < Count / 4; i++)
            {
                await client.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 1_000 + (sender * 100) + i } });
            }
        })).ToArray();
        go.SetResult();
        await Task.WhenAll(senders).WaitAsync(RecordingSignalListener.Timeout);

        var responses = await listener.WaitUntilAsync(list => list.Count(r => r.PongResp?.LastPingTimestamp >= 1_000) == Count, "every pong");
        long[] answered = responses.Where(r => r.PongResp?.LastPingTimestamp >= 1_000).Select(r => r.PongResp.LastPingTimestamp).Order().ToArray();
        long[] sent = Enumerable.Range(0, 4).SelectMany(s => Enumerable.Range(0, Count / 4).Select(i => 1_000L + (s * 100) + i)).Order().ToArray();
        Assert.Equal(sent, answered);
    }

    [Fact]
    public async Task CloseAsync_sends_the_leave_after_the_queued_requests_then_a_normal_close()
    {
        Channel<SignalRequest> received = Channel.CreateUnbounded<SignalRequest>();
        var closeStatus = new TaskCompletionSource<WebSocketCloseStatus?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FakeSignalServer.Start(async exchange =>
        {
            using WebSocket socket = await exchange.AcceptWebSocketAsync();
            await FakeExchange.SendAsync(socket, FakeExchange.JoinResponse());
            while (await FakeExchange.ReceiveAsync(socket, CancellationToken.None) is SignalRequest request)
            {
                received.Writer.TryWrite(request);
            }

            closeStatus.TrySetResult(socket.CloseStatus);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        });
        var listener = new RecordingSignalListener();
        await using SignalClient client = await SignalClient.ConnectAsync(server.Url, "token", Options, new TestLogger(), CancellationToken.None);
        client.Start(listener);

        ValueTask queued = client.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 42 } });
        Task closing = client.CloseAsync(new LeaveRequest { Reason = Proto.DisconnectReason.ClientInitiated, Action = LeaveRequest.Types.Action.Disconnect });
        await queued;
        await closing.WaitAsync(RecordingSignalListener.Timeout);

        Assert.Equal(42, (await received.Reader.ReadAsync()).PingReq.Timestamp);
        SignalRequest leave = await received.Reader.ReadAsync();
        Assert.Equal(Proto.DisconnectReason.ClientInitiated, leave.Leave.Reason);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await closeStatus.Task.WaitAsync(RecordingSignalListener.Timeout));
        Assert.False(listener.Closed.IsCompleted);
        Assert.Same(closing, client.CloseAsync(null));
    }

    [Fact]
    public async Task A_send_after_close_throws_invalid_operation()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        SignalClient client = await SignalClient.ConnectAsync(
            server.Url.ToString(), server.CreateToken("alice", "send-room"), Options, new TestLogger(), CancellationToken.None);

        await client.CloseAsync(leave: null);

        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => client.SendAsync(new SignalRequest { PingReq = new Ping() }).AsTask());
        Assert.Equal("The signal connection is closed.", refused.Message);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_drops_the_connection_without_a_leave_and_reports_nothing()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        var aliceListener = new RecordingSignalListener();
        var bobListener = new RecordingSignalListener();
        SignalClient alice = await SignalClient.ConnectAsync(
            server.Url.ToString(), server.CreateToken("alice", "send-room"), Options, new TestLogger(), CancellationToken.None);
        await using SignalClient bob = await SignalClient.ConnectAsync(
            server.Url.ToString(), server.CreateToken("bob", "send-room"), Options, new TestLogger(), CancellationToken.None);
        alice.Start(aliceListener);
        bob.Start(bobListener);

        await alice.DisposeAsync();

        SignalResponse gone = await bobListener.WaitForAsync(
            r => r.Update?.Participants.Any(p => p.Identity == "alice" && p.State == ParticipantInfo.Types.State.Disconnected) == true,
            "alice's DISCONNECTED update");
        Assert.Equal(Proto.DisconnectReason.SignalClose, gone.Update.Participants.Single(p => p.Identity == "alice").DisconnectReason);
        Assert.False(aliceListener.Closed.IsCompleted);
        Assert.True(alice.IsClosed);
    }

    [Fact]
    public async Task A_canceled_send_throws_operation_canceled()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalClient client = await SignalClient.ConnectAsync(
            server.Url.ToString(), server.CreateToken("alice", "send-room"), Options, new TestLogger(), CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.SendAsync(new SignalRequest { PingReq = new Ping() }, new CancellationToken(canceled: true)).AsTask());
    }

    private static async Task RecordRequestsAsync(FakeExchange exchange, ChannelWriter<SignalRequest> received)
    {
        using WebSocket socket = await exchange.AcceptWebSocketAsync();
        await FakeExchange.SendAsync(socket, FakeExchange.JoinResponse());
        while (await FakeExchange.ReceiveAsync(socket, CancellationToken.None) is SignalRequest request)
        {
            received.TryWrite(request);
        }
    }
}
