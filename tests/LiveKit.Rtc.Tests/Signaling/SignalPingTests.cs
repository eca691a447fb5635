using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Rtc.Signaling;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Signaling;

/// <summary>The signal ping of brief §5.1: ping_req every ping_interval, and ping_timeout of silence ends the connection.</summary>
public sealed class SignalPingTests
{
    private static readonly SignalJoinOptions Options = new() { ConnectTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Pings_are_answered_and_measure_the_round_trip_time()
    {
        var settings = new LiveKitTestServerOptions { PingInterval = TimeSpan.FromSeconds(1), PingTimeout = TimeSpan.FromSeconds(10) };
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(settings);
        var listener = new RecordingSignalListener();
        await using SignalClient client = await SignalClient.ConnectAsync(
            server.Url.ToString(), server.CreateToken("alice", "ping-room"), Options, new TestLogger(), CancellationToken.None);
        Assert.Null(client.RoundTripTime);

        client.Start(listener);

        SignalResponse pong = await listener.WaitForAsync(r => r.PongResp is not null, "a pong");
        Assert.True(pong.PongResp.LastPingTimestamp > 0);
        Assert.NotNull(client.RoundTripTime);
        Assert.True(client.RoundTripTime >= TimeSpan.Zero);
    }

    [Fact]
    public async Task Silence_for_the_ping_timeout_closes_the_connection_and_is_reported()
    {
        Channel<SignalRequest> received = Channel.CreateUnbounded<SignalRequest>();
        await using var server = FakeSignalServer.Start(async exchange =>
        {
            using WebSocket socket = await exchange.AcceptWebSocketAsync();
            await FakeExchange.SendAsync(socket, FakeExchange.JoinResponse(pingInterval: 1, pingTimeout: 2));

            // Reads the pings and never answers.
            while (await FakeExchange.ReceiveAsync(socket, CancellationToken.None) is SignalRequest request)
            {
                received.Writer.TryWrite(request);
            }
        });
        var logger = new TestLogger();
        var listener = new RecordingSignalListener();
        await using SignalClient client = await SignalClient.ConnectAsync(server.Url, "token", Options, logger, CancellationToken.None);

        client.Start(listener);

        SignalRequest ping = await received.Reader.ReadAsync().AsTask().WaitAsync(RecordingSignalListener.Timeout);
        Assert.True(ping.PingReq.Timestamp > 0);
        SignalClosed closed = await listener.Closed.WaitAsync(RecordingSignalListener.Timeout);
        Assert.Equal(SignalCloseReason.PingTimeout, closed.Reason);
        Assert.True(closed.IsFailure);
        Assert.True(client.IsClosed);
        Assert.Contains(logger.Entries, e => e.EventId.Id == 304);
        Assert.Equal(1, listener.CloseCount);
    }
}
