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

/// <summary>
/// The mute state of a track livekit-client publishes, as our room client sees it: the publisher's own mute and unmute,
/// and a mute the server API imposes (MutePublishedTrack), as <c>track_muted</c> and <c>track_unmuted</c>.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientMuteTests
{
    private const string Room = "room-mute";

    private readonly ChromiumBrowser _browser;

    public RoomClientMuteTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task The_browsers_microphone_mute_and_unmute_reach_the_sdk()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        ClientTrackPublication microphone = await browser.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        RoomEventRecord subscribed = await sdk.Log.WaitForAsync("track_subscribed", "browser Audio");
        var track = (RemoteTrack)subscribed.Args[0]!;
        var publication = (RemoteTrackPublication)subscribed.Args[1]!;
        Assert.Equal(microphone.Sid, publication.Sid);
        Assert.False(publication.IsMuted);

        var mark = sdk.Mark();
        await browser.SetMicrophoneMutedAsync(true, timeout.Token);
        RoomEventRecord muted = await sdk.WaitAfterAsync(mark, "track_muted");
        Assert.Same(sdk.Room.RemoteParticipants["browser"], muted.Args[0]);
        Assert.Same(publication, muted.Args[1]);
        Assert.True(publication.IsMuted);
        Assert.True(track.IsMuted);

        mark = sdk.Mark();
        await browser.SetMicrophoneMutedAsync(false, timeout.Token);
        RoomEventRecord unmuted = await sdk.WaitAfterAsync(mark, "track_unmuted");
        Assert.Same(sdk.Room.RemoteParticipants["browser"], unmuted.Args[0]);
        Assert.Same(publication, unmuted.Args[1]);
        Assert.False(publication.IsMuted);
        Assert.False(track.IsMuted);
        Assert.Single(sdk.EventsAbout("track_muted", publication));
    }

    [Fact]
    public async Task A_mute_through_the_api_of_the_browsers_track_reaches_the_sdk()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        ClientTrackPublication microphone = await browser.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        RoomEventRecord subscribed = await sdk.Log.WaitForAsync("track_subscribed", "browser Audio");
        var publication = (RemoteTrackPublication)subscribed.Args[1]!;
        using RoomServiceClient api = ServerScenario.Api(server);

        var mark = sdk.Mark();
        await api.MutePublishedTrackAsync(new Proto.MuteRoomTrackRequest { Room = Room, Identity = "browser", TrackSid = microphone.Sid, Muted = true }, timeout.Token);

        RoomEventRecord muted = await sdk.WaitAfterAsync(mark, "track_muted");
        Assert.Same(sdk.Room.RemoteParticipants["browser"], muted.Args[0]);
        Assert.Same(publication, muted.Args[1]);
        Assert.True(publication.IsMuted);
        // The publisher applied the server's mute to its own track too.
        await browser.WaitForEventAsync("trackMuted", e => e.ArgString("publication", "sid") == microphone.Sid, cancellationToken: timeout.Token);

        mark = sdk.Mark();
        await browser.SetMicrophoneMutedAsync(false, timeout.Token);
        await sdk.WaitAfterAsync(mark, "track_unmuted", e => ReferenceEquals(e.Args[1], publication));
        Assert.False(publication.IsMuted);
    }
}
