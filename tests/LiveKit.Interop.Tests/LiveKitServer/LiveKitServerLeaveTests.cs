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
/// Participants leaving a LiveKit.Testing room: by their own disconnect (the leave signal request) and removed through
/// the server API (a leave with PARTICIPANT_REMOVED), judged by livekit-client's <c>disconnected</c> and
/// <c>participantDisconnected</c> and by the server's own participant list.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitServerLeaveTests
{
    private const string Room = "room-leave";

    private readonly ChromiumBrowser _browser;

    public LiveKitServerLeaveTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task A_clean_leave_is_seen_by_the_other_and_the_server_lists_the_leaver_no_more()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        await bob.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        await alice.WaitForEventAsync("trackSubscribed", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        using RoomServiceClient api = ServerScenario.Api(server);
        ListParticipantsResponse before = await api.ListParticipantsAsync(new ListParticipantsRequest { Room = Room }, timeout.Token);
        Assert.Equal(["alice", "bob"], before.Participants.Select(p => p.Identity).Order(System.StringComparer.Ordinal));

        await bob.DisconnectAsync(timeout.Token);

        ClientEvent bobDisconnected = await bob.WaitForEventAsync("disconnected", cancellationToken: timeout.Token);
        Assert.Equal("CLIENT_INITIATED", bobDisconnected.ArgString("reasonName"));
        ClientEvent gone = await alice.WaitForEventAsync("participantDisconnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        Assert.Equal("CLIENT_INITIATED", gone.ArgString("reasonName"));
        await alice.WaitForEventAsync("trackUnsubscribed", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        Assert.Empty((await alice.GetStateAsync(timeout.Token)).RemoteParticipants);
        Assert.Equal("disconnected", (await bob.GetStateAsync(timeout.Token)).Room?.ConnectionState);

        // Alice heard of it after the server had dropped bob, so the list (read on the room's loop) has no bob.
        ListParticipantsResponse after = await api.ListParticipantsAsync(new ListParticipantsRequest { Room = Room }, timeout.Token);
        Assert.Equal(["alice"], after.Participants.Select(p => p.Identity));
        Room listed = Assert.Single((await api.ListRoomsAsync(new ListRoomsRequest { Names = { Room } }, timeout.Token)).Rooms);
        Assert.Equal(1u, listed.NumParticipants);
    }

    [Fact]
    public async Task A_participant_removed_through_the_api_is_disconnected_with_participant_removed()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        using RoomServiceClient api = ServerScenario.Api(server);

        await api.RemoveParticipantAsync(new RoomParticipantIdentity { Room = Room, Identity = "bob" }, timeout.Token);

        // The harness reports DisconnectReason as its number and its protobuf name.
        ClientEvent removed = await bob.WaitForEventAsync("disconnected", cancellationToken: timeout.Token);
        Assert.Equal("PARTICIPANT_REMOVED", removed.ArgString("reasonName"));
        Assert.Equal(((int)DisconnectReason.ParticipantRemoved).ToString(System.Globalization.CultureInfo.InvariantCulture), removed.ArgString("reason"));
        Assert.Equal("disconnected", (await bob.GetStateAsync(timeout.Token)).Room?.ConnectionState);
        // No reconnection attempt: a leave with action DISCONNECT is final.
        Assert.DoesNotContain(bob.Events, e => e.Name is "reconnecting" or "signalReconnecting");

        ClientEvent gone = await alice.WaitForEventAsync("participantDisconnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        Assert.Equal("PARTICIPANT_REMOVED", gone.ArgString("reasonName"));
        Assert.Empty((await alice.GetStateAsync(timeout.Token)).RemoteParticipants);
        ListParticipantsResponse after = await api.ListParticipantsAsync(new ListParticipantsRequest { Room = Room }, timeout.Token);
        Assert.Equal(["alice"], after.Participants.Select(p => p.Identity));
    }
}
