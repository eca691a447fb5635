using System.Threading.Tasks;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>Manual subscriptions as the server answers them (the browser tests in LiveKit.Interop.Tests cover real tracks).</summary>
public sealed class RoomSubscriptionTests : IAsyncLifetime
{
    private LiveKitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveKitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_subscription_the_server_cannot_serve_is_reported_as_track_subscription_failed()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby", options: new RoomOptions { AutoSubscribe = false });
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        await alice.Log.WaitForAsync("participant_connected", "bob");

        // A publication the server does not have (as when it is unpublished while the request travels), planted in
        // alice's view of bob so the answer has a publisher to be reported with.
        RemoteParticipant bobAtAlice = alice.Room.RemoteParticipants["bob"];
        var ghost = new RemoteTrackPublication("TR_gone", "camera", TrackKind.Video, TrackSource.Camera, bobAtAlice, alice.Room);
        await alice.Room.Loop.InvokeAsync(() => bobAtAlice.AddTrackPublication(ghost));

        ghost.SetSubscribed(true);

        RoomEventRecord failed = await alice.Log.WaitForAsync("track_subscription_failed");
        Assert.Same(bobAtAlice, failed.Args[0]);
        Assert.Equal("TR_gone", failed.Args[1]);
        Assert.Equal("track not found", failed.Args[2]);
        Assert.False(ghost.IsSubscribed);
    }

    [Fact]
    public async Task Changing_a_subscription_needs_a_connected_room()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        var publication = new RemoteTrackPublication("TR_x", "mic", TrackKind.Audio, TrackSource.Microphone, Sample.Participant("bob"), alice.Room);
        await alice.Room.DisconnectAsync();

        System.InvalidOperationException refused = Assert.Throws<System.InvalidOperationException>(() => publication.SetSubscribed(true));

        Assert.Contains("not connected", refused.Message);
    }
}
