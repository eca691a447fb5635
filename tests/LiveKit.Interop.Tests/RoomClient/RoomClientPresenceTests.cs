using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Interop.Tests.LiveKitServer;
using LiveKit.Rtc;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.RoomClient;

/// <summary>
/// Our room client and livekit-client in one room of the test server: each sees the other arrive (with the sid the
/// other holds) and leave, and a leaver's tracks go before the leaver does.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientPresenceTests
{
    private const string Room = "room-presence";

    private readonly ChromiumBrowser _browser;

    public RoomClientPresenceTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task The_sdk_sees_the_browser_join_and_leave_with_its_tracks_unpublished_first()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        string browserSid = (await browser.GetStateAsync(timeout.Token)).LocalParticipant!.Sid;

        RoomEventRecord joined = await sdk.Log.WaitForAsync("participant_connected", "browser");
        var participant = (RemoteParticipant)joined.Args[0]!;
        Assert.Equal("browser", participant.Identity);
        Assert.Equal(browserSid, participant.Sid);
        Assert.Same(participant, sdk.Room.RemoteParticipants["browser"]);

        ClientTrackPublication microphone = await browser.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        ClientTrackPublication camera = await browser.PublishCameraAsync(cancellationToken: timeout.Token);
        await sdk.Log.WaitForAsync("track_subscribed", "browser Audio");
        await sdk.Log.WaitForAsync("track_subscribed", "browser Video");
        RemoteTrackPublication[] publications = [participant.TrackPublications[microphone.Sid], participant.TrackPublications[camera.Sid]];

        await browser.DisconnectAsync(timeout.Token);

        RoomEventRecord left = await sdk.Log.WaitForAsync("participant_disconnected", "browser");
        Assert.Same(participant, left.Args[0]);
        foreach (RemoteTrackPublication publication in publications)
        {
            RoomEventRecord unsubscribed = Assert.Single(sdk.EventsAbout("track_unsubscribed", publication));
            RoomEventRecord unpublished = Assert.Single(sdk.EventsAbout("track_unpublished", publication));
            Assert.True(sdk.IndexOf(unsubscribed) < sdk.IndexOf(unpublished), sdk.Log.Describe());
            Assert.True(sdk.IndexOf(unpublished) < sdk.IndexOf(left), sdk.Log.Describe());
            Assert.False(publication.IsSubscribed);
        }

        Assert.Empty(sdk.Room.RemoteParticipants);
        Assert.Empty(participant.TrackPublications);
        Assert.Equal(ConnectionState.Connected, sdk.Room.ConnectionState);
    }

    [Fact]
    public async Task The_browser_sees_the_sdk_join_and_leave_when_it_disconnects()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);

        // The SDK found the browser in the room: in its state at connected, not announced by an event.
        RemoteParticipant browserAtSdk = Assert.Single(sdk.Room.RemoteParticipants.Values);
        Assert.Equal("browser", browserAtSdk.Identity);
        Assert.DoesNotContain("participant_connected", sdk.Log.Names);

        ClientEvent joined = await browser.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "dotnet", cancellationToken: timeout.Token);
        Assert.Equal(sdk.Local.Sid, joined.ArgString("participant", "sid"));
        Assert.Equal("false", joined.ArgString("participant", "isLocal"));
        ClientParticipantState sdkAtBrowser = Assert.Single((await browser.GetStateAsync(timeout.Token)).RemoteParticipants);
        Assert.Equal("dotnet", sdkAtBrowser.Identity);
        Assert.Equal(sdk.Local.Sid, sdkAtBrowser.Sid);

        await sdk.Room.DisconnectAsync().WaitAsync(timeout.Token);

        Assert.Equal("disconnected", sdk.Log.Names[^1]);
        Assert.Equal(DisconnectReason.ClientInitiated, sdk.Log.Events[^1].Args[0]);
        ClientEvent left = await browser.WaitForEventAsync("participantDisconnected", e => e.ParticipantIdentity == "dotnet", cancellationToken: timeout.Token);
        Assert.Equal("CLIENT_INITIATED", left.ArgString("reasonName"));
        Assert.Empty((await browser.GetStateAsync(timeout.Token)).RemoteParticipants);
        Assert.DoesNotContain(browser.Events, e => e.Name is "disconnected" or "reconnecting");
    }
}
