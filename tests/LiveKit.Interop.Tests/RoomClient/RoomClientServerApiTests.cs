using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Interop.Tests.LiveKitServer;
using LiveKit.Rtc;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.RoomClient;

/// <summary>What the server API does to our room client with a livekit-client participant in the room.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientServerApiTests
{
    private const string Room = "room-api";

    private readonly ChromiumBrowser _browser;

    public RoomClientServerApiTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task Removing_the_sdk_participant_disconnects_it_with_participant_removed_and_the_browser_sees_it_leave()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await browser.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "dotnet", cancellationToken: timeout.Token);
        using RoomServiceClient api = ServerScenario.Api(server);

        await api.RemoveParticipantAsync(new Proto.RoomParticipantIdentity { Room = Room, Identity = "dotnet" }, timeout.Token);

        RoomEventRecord disconnected = await sdk.Log.WaitForAsync("disconnected");
        Assert.Equal(DisconnectReason.ParticipantRemoved, disconnected.Args[0]);
        Assert.Equal("disconnected", sdk.Log.Names[^1]);
        Assert.Equal(ConnectionState.Disconnected, sdk.Room.ConnectionState);
        // The room lets its remote participants go before it reports the end.
        RoomEventRecord browserGone = await sdk.Log.WaitForAsync("participant_disconnected", "browser");
        Assert.True(sdk.IndexOf(browserGone) < sdk.IndexOf(disconnected), sdk.Log.Describe());
        Assert.Empty(sdk.Room.RemoteParticipants);
        Assert.DoesNotContain("reconnecting", sdk.Log.Names);

        ClientEvent left = await browser.WaitForEventAsync("participantDisconnected", e => e.ParticipantIdentity == "dotnet", cancellationToken: timeout.Token);
        Assert.Equal("PARTICIPANT_REMOVED", left.ArgString("reasonName"));
        Assert.Empty((await browser.GetStateAsync(timeout.Token)).RemoteParticipants);
        Proto.ListParticipantsResponse after = await api.ListParticipantsAsync(new Proto.ListParticipantsRequest { Room = Room }, timeout.Token);
        Assert.Equal(["browser"], after.Participants.Select(p => p.Identity));
    }
}
