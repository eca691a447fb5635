using System;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>Joining and leaving a room of the test server: state, the connection events and their order.</summary>
public sealed class RoomConnectionTests : IAsyncLifetime
{
    private LiveKitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveKitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connecting_fills_in_the_room_and_emits_connecting_then_connected()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");

        Assert.Equal(ConnectionState.Connected, alice.Room.ConnectionState);
        Assert.Equal("lobby", alice.Room.Name);
        Assert.StartsWith("RM_", alice.Room.Sid);
        Assert.Equal("alice", alice.Local.Identity);
        Assert.StartsWith("PA_", alice.Local.Sid);
        Assert.NotNull(alice.Local.Permissions);
        Assert.Empty(alice.Room.RemoteParticipants);
        // The server sends a fresh token right after the join, as the real one does: token_refreshed may come first.
        Assert.Equal(
            ["connection_state_changed Connecting", "connection_state_changed Connected", "connected"],
            alice.Log.Events.Where(e => e.Name != "token_refreshed").Select(e => e.ToString()));
    }

    [Fact]
    public async Task A_participant_already_in_the_room_is_there_at_connected_and_a_newcomer_is_announced()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");

        // Bob found alice in the room: she is in its state, not announced by an event.
        RemoteParticipant aliceAtBob = Assert.Single(bob.Room.RemoteParticipants.Values);
        Assert.Equal("alice", aliceAtBob.Identity);
        Assert.Equal(alice.Local.Sid, aliceAtBob.Sid);
        Assert.DoesNotContain("participant_connected", bob.Log.Names);

        // Alice is told about bob, with his sid.
        RoomEventRecord joined = await alice.Log.WaitForAsync("participant_connected", "bob");
        var bobAtAlice = (RemoteParticipant)joined.Args[0]!;
        Assert.Equal(bob.Local.Sid, bobAtAlice.Sid);
        Assert.Same(bobAtAlice, alice.Room.RemoteParticipants["bob"]);
    }

    [Fact]
    public async Task Disconnecting_emits_disconnected_last_and_the_others_see_the_participant_leave()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        await alice.Log.WaitForAsync("participant_connected", "bob");

        await bob.Room.DisconnectAsync();

        Assert.Equal(ConnectionState.Disconnected, bob.Room.ConnectionState);
        Assert.Equal("disconnected", bob.Log.Names[^1]);
        Assert.Equal(DisconnectReason.ClientInitiated, bob.Log.Events[^1].Args[0]);
        Assert.Equal("connection_state_changed Disconnected", bob.Log.Events[^2].ToString());
        Assert.Contains("participant_disconnected alice", bob.Log.Events.Select(e => e.ToString()));
        Assert.Empty(bob.Room.RemoteParticipants);

        RoomEventRecord left = await alice.Log.WaitForAsync("participant_disconnected", "bob");
        Assert.Equal("bob", ((RemoteParticipant)left.Args[0]!).Identity);
        Assert.Empty(alice.Room.RemoteParticipants);
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task A_room_can_connect_again_after_it_disconnected()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        string firstSid = alice.Local.Sid;
        await alice.Room.DisconnectAsync();

        await alice.Room.ConnectAsync(_server.Url.ToString(), _server.CreateToken("alice", "lobby"));

        Assert.Equal(ConnectionState.Connected, alice.Room.ConnectionState);
        Assert.NotEqual(firstSid, alice.Local.Sid);
        Assert.Equal(2, alice.Log.Names.Count(n => n == "connected"));
    }

    [Fact]
    public async Task Connecting_a_connected_room_again_is_refused_and_leaves_it_connected()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");

        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => alice.Room.ConnectAsync(_server.Url.ToString(), _server.CreateToken("alice2", "lobby")));

        Assert.Contains("disconnect it before connecting again", refused.Message);
        Assert.Equal(ConnectionState.Connected, alice.Room.ConnectionState);
    }

    [Fact]
    public async Task A_server_leave_disconnects_with_its_reason()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");

        await _server.Faults.SendLeaveAsync("lobby", "alice", Proto.LeaveRequest.Types.Action.Disconnect, Proto.DisconnectReason.ServerShutdown);

        RoomEventRecord disconnected = await alice.Log.WaitForAsync("disconnected");
        Assert.Equal(DisconnectReason.ServerShutdown, disconnected.Args[0]);
        Assert.Equal("disconnected", alice.Log.Names[^1]);
        Assert.Equal(ConnectionState.Disconnected, alice.Room.ConnectionState);
    }

    [Fact]
    public async Task A_server_shutting_down_disconnects_everyone_with_server_shutdown()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");

        await _server.DisposeAsync();

        RoomEventRecord disconnected = await alice.Log.WaitForAsync("disconnected");
        Assert.Equal(DisconnectReason.ServerShutdown, disconnected.Args[0]);
        Assert.DoesNotContain("reconnecting", alice.Log.Names);
    }

    [Fact]
    public async Task The_newest_token_is_kept_and_token_refreshed_fires()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions { TokenRefreshInterval = TimeSpan.FromMilliseconds(200) });
        // A lifetime the server's tokens do not have, so the refreshed token differs even within the same second.
        string original = server.CreateToken("alice", "lobby", configure: t => t.Ttl = TimeSpan.FromMinutes(7));
        var room = new Room();
        var log = new RoomEventLog(room);
        await room.ConnectAsync(server.Url.ToString(), original);

        await log.WaitForCountAsync("token_refreshed", 2);

        Assert.NotNull(room.CurrentToken);
        Assert.NotEqual(original, room.CurrentToken);
        Assert.True(new LiveKit.Api.TokenVerifier(server.ApiKey, server.ApiSecret).Verify(room.CurrentToken!, DateTimeOffset.UtcNow).IsValid);
        await room.DisposeAsync();
    }
}
