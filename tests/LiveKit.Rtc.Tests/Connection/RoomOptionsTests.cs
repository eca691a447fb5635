using System;
using System.Threading.Tasks;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Connection;

/// <summary>Options are checked before anything happens, with messages that say what to change.</summary>
public sealed class RoomOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_auto_subscribe() => Assert.True(new RoomOptions().AutoSubscribe);

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(-1, 1, 0)]
    [InlineData(5, -1, 0)]
    [InlineData(5, 1, -1)]
    public async Task Out_of_range_values_are_refused_before_connecting(int timeoutSeconds, int retries, int delaySeconds)
    {
        var options = new RoomOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            JoinRetries = retries,
            JoinRetryDelay = TimeSpan.FromSeconds(delaySeconds),
        };
        await using var room = new Room();

        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(() => room.ConnectAsync("ws://127.0.0.1:1", "token", options));

        Assert.Contains("RoomOptions.", refused.Message);
        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
    }

    [Fact]
    public async Task An_ice_server_url_that_does_not_parse_is_named_in_the_error()
    {
        var options = new RoomOptions { RtcConfiguration = new RtcConfiguration { IceServers = [new IceServer("stun:ok.example.com"), new IceServer("stunn:bad")] } };
        await using var room = new Room();

        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(() => room.ConnectAsync("ws://127.0.0.1:1", "token", options));

        Assert.Contains("\"stunn:bad\"", refused.Message);
    }

    [Fact]
    public async Task Relay_only_ice_is_refused_as_not_supported_and_the_room_stays_usable()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using var room = new Room();
        var relayOnly = new RoomOptions { RtcConfiguration = new RtcConfiguration { IceTransportPolicy = IceTransportPolicy.Relay } };

        RoomConnectException refused = await Assert.ThrowsAsync<RoomConnectException>(
            () => room.ConnectAsync(server.Url.ToString(), server.CreateToken("alice", "lobby"), relayOnly));

        Assert.Equal(RoomConnectFailure.NotSupported, refused.Failure);
        Assert.Contains("TURN", refused.Message);
        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
        await room.ConnectAsync(server.Url.ToString(), server.CreateToken("alice", "lobby"));
        Assert.Equal(ConnectionState.Connected, room.ConnectionState);
    }

    [Fact]
    public async Task Configured_stun_servers_on_loopback_are_used_and_the_join_still_connects()
    {
        // A STUN server that does not answer must not stop the join: host candidates connect on their own.
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using var room = new Room();
        var options = new RoomOptions { RtcConfiguration = new RtcConfiguration { IceServers = [new IceServer("stun:127.0.0.1:3478")] } };

        await room.ConnectAsync(server.Url.ToString(), server.CreateToken("alice", "lobby"), options);

        Assert.Equal(ConnectionState.Connected, room.ConnectionState);
    }
}
