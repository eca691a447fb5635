using System;
using System.Threading.Tasks;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// Signal keep-alive (brief §5.1): ping_req is answered with pong_resp echoing its timestamp, the legacy ping with
/// the server's time in milliseconds (livekit/livekit pkg/service/rtcservice.go answers both), and a client that
/// stays silent past ping_timeout is dropped, which the others see as its DISCONNECTED update.
/// </summary>
public sealed class PingTests
{
    [Fact]
    public async Task A_ping_req_is_answered_with_a_pong_resp_echoing_its_timestamp()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinAsync(server, "alice", "ping-room");
        await alice.WaitForAsync(SignalResponse.MessageOneofCase.Join);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await alice.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 123456789, Rtt = 42 } });

        SignalResponse pong = await alice.WaitForAsync(SignalResponse.MessageOneofCase.PongResp);
        Assert.Equal(123456789, pong.PongResp.LastPingTimestamp);
        Assert.True(pong.PongResp.Timestamp >= before, $"pong timestamp {pong.PongResp.Timestamp} is the server's time in ms (sent after {before})");
    }

    [Fact]
    public async Task A_legacy_ping_is_answered_with_a_pong_of_the_servers_time_in_milliseconds()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinAsync(server, "alice", "ping-room");
        await alice.WaitForAsync(SignalResponse.MessageOneofCase.Join);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await alice.SendAsync(new SignalRequest { Ping = 5 });

        SignalResponse pong = await alice.WaitForAsync(SignalResponse.MessageOneofCase.Pong);
        Assert.True(pong.Pong >= before, $"pong {pong.Pong} is the server's time in ms (sent after {before})");
        Assert.True(pong.Pong < before + TimeSpan.FromDays(1).TotalMilliseconds, "milliseconds, not nanoseconds (JS overflows on those)");
    }

    [Fact]
    public async Task A_silent_client_is_dropped_after_the_ping_timeout_and_the_others_see_it_disconnected()
    {
        var options = new LiveKitTestServerOptions { PingInterval = TimeSpan.FromSeconds(1), PingTimeout = TimeSpan.FromSeconds(2) };
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(options);
        await using SignalTestClient bob = await SignalTestClient.JoinAsync(server, "bob", "ping-room");
        JoinResponse join = (await bob.WaitForAsync(SignalResponse.MessageOneofCase.Join)).Join;
        Assert.Equal(1, join.PingInterval);
        Assert.Equal(2, join.PingTimeout);
        // Well inside ping_timeout, so that a busy machine cannot make bob look silent too.
        bob.StartPinging(TimeSpan.FromSeconds(join.PingInterval) / 4);

        // alice joins and then says nothing at all.
        await using SignalTestClient alice = await SignalTestClient.JoinAsync(server, "alice", "ping-room");
        ParticipantInfo aliceJoined = (await alice.WaitForAsync(SignalResponse.MessageOneofCase.Join)).Join.Participant;

        ParticipantInfo gone = await bob.WaitForParticipantAsync("alice", ParticipantInfo.Types.State.Disconnected);
        Assert.Equal(aliceJoined.Sid, gone.Sid);
        await alice.WaitClosedAsync();
        Assert.False(bob.Closed.Task.IsCompleted, "bob pinged every ping_interval and stays");
        Assert.Equal(1, (await bob.PingAsync(1)).LastPingTimestamp);
    }
}
