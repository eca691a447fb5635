using System;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>What the server API does to a connected SDK room: removal, moves.</summary>
public sealed class RoomServerApiTests : IAsyncLifetime
{
    private LiveKitTestServer _server = null!;
    private RoomServiceClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await LiveKitTestServer.StartAsync();
        _api = new RoomServiceClient(_server.HttpUrl.ToString(), _server.ApiKey, _server.ApiSecret);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_removed_participant_is_disconnected_with_participant_removed()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");

        await _api.RemoveParticipantAsync(new Proto.RoomParticipantIdentity { Room = "lobby", Identity = "bob" });

        RoomEventRecord disconnected = await bob.Log.WaitForAsync("disconnected");
        Assert.Equal(DisconnectReason.ParticipantRemoved, disconnected.Args[0]);
        Assert.Equal("disconnected", bob.Log.Names[^1]);
        await alice.Log.WaitForAsync("participant_disconnected", "bob");
    }

    [Fact]
    public async Task A_moved_participant_leaves_the_old_room_emits_moved_and_meets_the_new_one()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        await using ConnectedRoom carol = await ConnectedRoom.JoinAsync(_server, "carol", "stage");
        await alice.Log.WaitForAsync("participant_connected", "bob");

        await _api.MoveParticipantAsync(new Proto.MoveParticipantRequest { Room = "lobby", Identity = "alice", DestinationRoom = "stage" });

        await alice.Log.WaitForAsync("moved", "stage");
        await alice.Log.WaitForAsync("participant_connected", "carol");
        string[] sequence = alice.Log.Events.Select(e => e.ToString())
            .SkipWhile(e => e != "participant_disconnected bob").Where(e => e != "token_refreshed").Take(3).ToArray();
        Assert.True(
            sequence.SequenceEqual(["participant_disconnected bob", "moved stage", "participant_connected carol"]),
            "Events:" + Environment.NewLine + alice.Log.Describe());
        Assert.Equal("stage", alice.Room.Name);
        Assert.Equal(["carol"], alice.Room.RemoteParticipants.Keys);
        Assert.Equal(ConnectionState.Connected, alice.Room.ConnectionState);

        await bob.Log.WaitForAsync("participant_disconnected", "alice");
        await carol.Log.WaitForAsync("participant_connected", "alice");

        // The media connection stayed: data flows in the new room.
        await alice.Local.PublishDataAsync("hi stage");
        await carol.Log.WaitForAsync("data_received", "alice Reliable ");
    }
}
