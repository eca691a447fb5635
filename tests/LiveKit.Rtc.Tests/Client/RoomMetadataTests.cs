using System.Collections.Generic;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>A participant's metadata, name and attributes, set by the SDK and seen by itself and the others.</summary>
public sealed class RoomMetadataTests : IAsyncLifetime
{
    private static readonly VideoGrants MayUpdate = new() { CanUpdateOwnMetadata = true };
    private LiveKitTestServer _server = null!;
    private ConnectedRoom _alice = null!;
    private ConnectedRoom _bob = null!;

    public async Task InitializeAsync()
    {
        _server = await LiveKitTestServer.StartAsync();
        _alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby", MayUpdate, configure: t => t.Attributes = new Dictionary<string, string> { ["role"] = "host", ["mood"] = "calm" });
        _bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        await _alice.Log.WaitForAsync("participant_connected", "bob");
    }

    public async Task DisposeAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Metadata_set_is_shown_at_once_and_reported_to_everyone_with_old_and_new()
    {
        await _alice.Local.SetMetadataAsync("{\"seat\":3}");

        Assert.Equal("{\"seat\":3}", _alice.Local.Metadata);
        RoomEventRecord local = await _alice.Log.WaitForAsync("participant_metadata_changed");
        Assert.Same(_alice.Local, local.Args[0]);
        Assert.Equal(("", "{\"seat\":3}"), ((string)local.Args[1]!, (string)local.Args[2]!));

        RoomEventRecord remote = await _bob.Log.WaitForAsync("participant_metadata_changed");
        Assert.Same(_bob.Room.RemoteParticipants["alice"], remote.Args[0]);
        Assert.Equal("{\"seat\":3}", _bob.Room.RemoteParticipants["alice"].Metadata);
    }

    [Fact]
    public async Task A_name_change_is_reported_with_old_and_new()
    {
        await _alice.Local.SetNameAsync("Alice A.");

        Assert.Equal("Alice A.", _alice.Local.Name);
        RoomEventRecord remote = await _bob.Log.WaitForAsync("participant_name_changed", "alice Alice A.");
        Assert.Equal("", remote.Args[1]);
        Assert.Equal("Alice A.", _bob.Room.RemoteParticipants["alice"].Name);
    }

    [Fact]
    public async Task Attributes_changed_report_only_the_changed_keys_and_an_empty_value_deletes()
    {
        Assert.Equal("host", _bob.Room.RemoteParticipants["alice"].Attributes["role"]);

        await _alice.Local.SetAttributesAsync(new Dictionary<string, string> { ["mood"] = "", ["seat"] = "3" });

        Assert.Equal(new Dictionary<string, string> { ["role"] = "host", ["seat"] = "3" }, _alice.Local.Attributes);
        await _alice.Log.WaitForAsync("participant_attributes_changed", "alice mood=,seat=3");
        await _bob.Log.WaitForAsync("participant_attributes_changed", "alice mood=,seat=3");
        Assert.False(_bob.Room.RemoteParticipants["alice"].Attributes.ContainsKey("mood"));
    }

    [Fact]
    public async Task Without_the_grant_the_change_is_refused_and_nothing_changes()
    {
        SignalRequestException refused = await Assert.ThrowsAsync<SignalRequestException>(() => _bob.Local.SetMetadataAsync("mine"));

        Assert.Equal(SignalRequestFailure.NotAllowed, refused.Failure);
        Assert.Contains("permission", refused.Message);
        Assert.Equal("", _bob.Local.Metadata);
    }

    [Fact]
    public async Task The_server_api_changes_a_participant_and_the_room()
    {
        using var api = new RoomServiceClient(_server.HttpUrl.ToString(), _server.ApiKey, _server.ApiSecret);

        await api.UpdateParticipantAsync(new Proto.UpdateParticipantRequest { Room = "lobby", Identity = "bob", Metadata = "set by ops", Name = "Bob" });
        await api.UpdateRoomMetadataAsync(new Proto.UpdateRoomMetadataRequest { Room = "lobby", Metadata = "room v2" });

        await _bob.Log.WaitForAsync("participant_metadata_changed", "bob set by ops");
        await _bob.Log.WaitForAsync("participant_name_changed", "bob Bob");
        await _alice.Log.WaitForAsync("participant_metadata_changed", "bob set by ops");
        RoomEventRecord changed = await _alice.Log.WaitForAsync("room_metadata_changed", "room v2");
        Assert.Equal("", changed.Args[0]);
        Assert.Equal("room v2", _alice.Room.Metadata);
        // room_updated follows room_metadata_changed for the same RoomUpdate.
        await _alice.Log.WaitForAsync("room_updated");
        Assert.True(IndexOf(_alice.Log, "room_metadata_changed") < IndexOf(_alice.Log, "room_updated"));
    }

    private static int IndexOf(RoomEventLog log, string name)
    {
        IReadOnlyList<string> names = log.Names;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
