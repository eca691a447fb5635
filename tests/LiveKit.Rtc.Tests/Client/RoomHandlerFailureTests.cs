using System;
using System.Threading.Tasks;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>A handler that throws on a wire-driven event disturbs neither the other handlers nor the room.</summary>
public sealed class RoomHandlerFailureTests : IAsyncLifetime
{
    private LiveKitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveKitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_throwing_handler_is_logged_the_next_handler_runs_and_the_room_keeps_working()
    {
        var logger = new TestLogger();
        await using var room = new Room(logger);
        var log = new RoomEventLog(room);
        room.On(RoomEvent.ParticipantConnected, (RemoteParticipant _) => throw new InvalidOperationException("handler bug"));
        var after = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        room.On(RoomEvent.ParticipantConnected, (RemoteParticipant p) => after.TrySetResult(p.Identity));
        await room.ConnectAsync(_server.Url.ToString(), _server.CreateToken("alice", "lobby"));

        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");

        Assert.Equal("bob", await after.Task.WaitAsync(RoomEventLog.Timeout));
        Assert.Contains(logger.Entries, e => e.Exception?.Message == "handler bug");
        await bob.Local.PublishDataAsync("still here");
        await log.WaitForAsync("data_received", "bob Reliable ");
        Assert.Equal(ConnectionState.Connected, room.ConnectionState);
    }
}
