using System;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>A lost connection makes the room rejoin as a new session (brief §5.3), with reconnecting and reconnected.</summary>
public sealed class RoomReconnectTests : IAsyncLifetime
{
    private LiveKitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveKitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_server_leave_asking_to_reconnect_rejoins_and_meets_the_room_again()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        await alice.Log.WaitForAsync("participant_connected", "bob");
        LocalParticipant before = alice.Local;
        string oldSid = before.Sid;

        await _server.Faults.SendLeaveAsync("lobby", "alice", Proto.LeaveRequest.Types.Action.Reconnect, Proto.DisconnectReason.Migration);

        await alice.Log.WaitForAsync("reconnected");
        string[] sequence = alice.Log.Events.Select(e => e.ToString()).SkipWhile(e => e != "connection_state_changed Reconnecting").ToArray();
        Assert.Equal(
            ["connection_state_changed Reconnecting", "reconnecting", "participant_disconnected bob", "participant_connected bob",
             "connection_state_changed Connected", "reconnected"],
            sequence.Where(e => !e.StartsWith("token_refreshed", StringComparison.Ordinal)));
        Assert.DoesNotContain("disconnected", alice.Log.Names);
        Assert.Same(before, alice.Local);
        Assert.NotEqual(oldSid, alice.Local.Sid);
        Assert.Equal(ConnectionState.Connected, alice.Room.ConnectionState);

        // Bob saw alice go and come back; data flows both ways on the new session.
        await bob.Log.WaitForAsync("participant_disconnected", "alice");
        await bob.Log.WaitForCountAsync("participant_connected", 1);
        await alice.Local.PublishDataAsync("back");
        await bob.Log.WaitForAsync("data_received", "alice Reliable ");
        await bob.Local.PublishDataAsync("welcome back");
        await alice.Log.WaitForAsync("data_received", "bob Reliable ");
    }

    [Fact]
    public async Task A_lost_signal_connection_rejoins()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");

        await _server.Faults.CloseSignalConnectionAsync("lobby", "alice");

        await alice.Log.WaitForAsync("reconnected");
        Assert.Equal(ConnectionState.Connected, alice.Room.ConnectionState);
        Assert.DoesNotContain("disconnected", alice.Log.Names);
    }

    [Fact]
    public async Task Without_reconnect_delays_a_lost_connection_disconnects_with_signal_close()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby", options: new RoomOptions { ReconnectDelays = [] });

        await _server.Faults.CloseSignalConnectionAsync("lobby", "alice");

        RoomEventRecord disconnected = await alice.Log.WaitForAsync("disconnected");
        Assert.Equal(DisconnectReason.SignalClose, disconnected.Args[0]);
        Assert.DoesNotContain("reconnecting", alice.Log.Names);
        Assert.Equal(ConnectionState.Disconnected, alice.Room.ConnectionState);
    }

    [Fact]
    public async Task Disconnecting_while_rejoining_stops_the_rejoin_and_ends_with_client_initiated()
    {
        var waitForever = new RoomOptions { ReconnectDelays = [TimeSpan.FromHours(1)] };
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby", options: waitForever);
        await _server.Faults.SendLeaveAsync("lobby", "alice", Proto.LeaveRequest.Types.Action.Reconnect, Proto.DisconnectReason.Migration);
        await alice.Log.WaitForAsync("reconnecting");

        await alice.Room.DisconnectAsync();

        Assert.Equal("disconnected ClientInitiated", alice.Log.Events[^1].ToString());
        Assert.Equal(ConnectionState.Disconnected, alice.Room.ConnectionState);
        Assert.DoesNotContain("reconnected", alice.Log.Names);
    }
}
