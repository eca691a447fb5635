using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Proto;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>
/// The server API (Twirp RoomService, through LiveKit.Api's <see cref="RoomServiceClient"/>) acting on rooms that
/// livekit-client pages are in: room metadata and moving a participant to another room.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitServerApiTests
{
    private readonly ChromiumBrowser _browser;

    public LiveKitServerApiTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task Room_metadata_set_through_the_api_reaches_both_browsers()
    {
        const string room = "room-metadata";
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", room, timeout.Token);
        using RoomServiceClient api = ServerScenario.Api(server);

        Room updated = await api.UpdateRoomMetadataAsync(new UpdateRoomMetadataRequest { Room = room, Metadata = "{\"topic\":\"interop\"}" }, timeout.Token);
        Assert.Equal("{\"topic\":\"interop\"}", updated.Metadata);

        foreach (LiveKitClientPage page in new[] { alice, bob })
        {
            ClientEvent changed = await page.WaitForEventAsync("roomMetadataChanged", cancellationToken: timeout.Token);
            Assert.Equal("{\"topic\":\"interop\"}", changed.ArgString("metadata"));
            Assert.Equal("{\"topic\":\"interop\"}", (await page.GetStateAsync(timeout.Token)).Room?.Metadata);
        }

        // A latecomer reads it from its join response.
        await using LiveKitClientPage carol = await ServerScenario.JoinAsync(_browser, server, "carol", room, timeout.Token);
        Assert.Equal("{\"topic\":\"interop\"}", (await carol.GetStateAsync(timeout.Token)).Room?.Metadata);
    }

    [Fact]
    public async Task A_moved_participant_gets_moved_with_the_new_rooms_participants_and_leaves_the_old_room()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ServerScenario.Api(server);
        await api.CreateRoomAsync(new CreateRoomRequest { Name = "room-to" }, timeout.Token);
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", "room-from", timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", "room-from", timeout.Token);
        await using LiveKitClientPage carol = await ServerScenario.JoinAsync(_browser, server, "carol", "room-to", timeout.Token);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        long aliceMark = alice.LastEventSeq;

        await api.MoveParticipantAsync(new MoveParticipantRequest { Room = "room-from", Identity = "alice", DestinationRoom = "room-to" }, timeout.Token);

        ClientEvent moved = await alice.WaitForEventAfterAsync(aliceMark, "moved", cancellationToken: timeout.Token);
        Assert.Equal("room-to", moved.ArgString("roomName"));
        await alice.WaitForEventAfterAsync(aliceMark, "participantDisconnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        await alice.WaitForEventAfterAsync(moved.Seq, "participantConnected", e => e.ParticipantIdentity == "carol", cancellationToken: timeout.Token);
        ClientState aliceState = await alice.GetStateAsync(timeout.Token);
        Assert.Equal("room-to", aliceState.Room?.Name);
        Assert.Equal("connected", aliceState.Room?.ConnectionState);
        Assert.Equal(["carol"], aliceState.RemoteParticipants.Select(p => p.Identity));

        // room_moved carries a token for the new room, which the client keeps for its reconnections.
        ClientEvent refreshed = await alice.WaitForEventAfterAsync(aliceMark, "engineTokenRefreshed", cancellationToken: timeout.Token);
        Assert.Equal("room-to", ServerTokens.Payload(refreshed.ArgString("token")!).Room);

        await bob.WaitForEventAsync("participantDisconnected", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);
        Assert.Empty((await bob.GetStateAsync(timeout.Token)).RemoteParticipants);
        await carol.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);

        ListParticipantsResponse from = await api.ListParticipantsAsync(new ListParticipantsRequest { Room = "room-from" }, timeout.Token);
        Assert.Equal(["bob"], from.Participants.Select(p => p.Identity));
        ListParticipantsResponse to = await api.ListParticipantsAsync(new ListParticipantsRequest { Room = "room-to" }, timeout.Token);
        Assert.Equal(["alice", "carol"], to.Participants.Select(p => p.Identity).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public async Task After_a_move_data_flows_between_the_moved_participant_and_the_new_rooms()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        using RoomServiceClient api = ServerScenario.Api(server);
        await api.CreateRoomAsync(new CreateRoomRequest { Name = "room-to" }, timeout.Token);
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", "room-from", timeout.Token);
        await using LiveKitClientPage carol = await ServerScenario.JoinAsync(_browser, server, "carol", "room-to", timeout.Token);
        // Alice's data channels open before the move: the ones she keeps using after it.
        await alice.PublishDataAsync("before the move", cancellationToken: timeout.Token);

        await api.MoveParticipantAsync(new MoveParticipantRequest { Room = "room-from", Identity = "alice", DestinationRoom = "room-to" }, timeout.Token);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "carol", cancellationToken: timeout.Token);
        await carol.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);

        await carol.PublishDataAsync("welcome, alice", cancellationToken: timeout.Token);
        ClientEvent welcome = await alice.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "welcome, alice", cancellationToken: timeout.Token);
        Assert.Equal("carol", welcome.ParticipantIdentity);

        await alice.PublishDataAsync("hello new room", cancellationToken: timeout.Token);
        ClientEvent hello = await carol.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "hello new room", cancellationToken: timeout.Token);
        Assert.Equal("alice", hello.ParticipantIdentity);
    }
}
