using System;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Testing;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>A room of the SDK joined to a test server, with the log of every event it emitted since before it connected.</summary>
internal sealed class ConnectedRoom : IAsyncDisposable
{
    private ConnectedRoom(Room room, RoomEventLog log)
    {
        Room = room;
        Log = log;
    }

    public Room Room { get; }

    public RoomEventLog Log { get; }

    public LocalParticipant Local => Room.LocalParticipant ?? throw new InvalidOperationException("not connected");

    /// <summary>Creates a room, registers the log, and connects it as <paramref name="identity"/>.</summary>
    public static async Task<ConnectedRoom> JoinAsync(
        LiveKitTestServer server, string identity, string room, VideoGrants? grants = null, RoomOptions? options = null, Action<AccessToken>? configure = null)
    {
        var sdkRoom = new Room();
        var log = new RoomEventLog(sdkRoom);
        await sdkRoom.ConnectAsync(server.Url.ToString(), server.CreateToken(identity, room, grants, configure), options ?? new RoomOptions());
        return new ConnectedRoom(sdkRoom, log);
    }

    public ValueTask DisposeAsync() => Room.DisposeAsync();
}
