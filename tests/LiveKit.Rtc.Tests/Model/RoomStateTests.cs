using Xunit;

namespace LiveKit.Rtc.Tests.Model;

public sealed class RoomStateTests
{
    [Fact]
    public void A_new_room_is_disconnected_and_empty()
    {
        var room = new Room();

        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
        Assert.Null(room.LocalParticipant);
        Assert.Empty(room.RemoteParticipants);
        Assert.Equal(string.Empty, room.Name);
        Assert.Equal(string.Empty, room.Sid);
    }

    [Fact]
    public void Remote_participants_are_keyed_by_identity_and_read_as_snapshots()
    {
        var room = new Room();
        var alice = new RemoteParticipant("PA_1", "alice");
        room.AddRemoteParticipant(alice);
        var before = room.RemoteParticipants;

        Assert.Same(alice, room.RemoveRemoteParticipant("alice"));

        Assert.Same(alice, before["alice"]);
        Assert.Empty(room.RemoteParticipants);
        Assert.Null(room.RemoveRemoteParticipant("alice"));
    }
}
