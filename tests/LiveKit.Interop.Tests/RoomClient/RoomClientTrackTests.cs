using System.Collections.Generic;
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

/// <summary>
/// The tracks livekit-client publishes, as our room client sees them: published, then subscribed (automatically, or by
/// hand with <see cref="RemoteTrackPublication.SetSubscribed"/>), unsubscribed and unpublished, in that order, and
/// the ones already published when the SDK joins.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientTrackTests
{
    private const string Room = "room-tracks";

    private readonly ChromiumBrowser _browser;

    public RoomClientTrackTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task The_browsers_microphone_and_camera_are_published_then_subscribed_and_the_camera_goes_when_unpublished()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);

        ClientTrackPublication microphone = await browser.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        ClientTrackPublication camera = await browser.PublishCameraAsync(cancellationToken: timeout.Token);

        RemoteTrackPublication audio = await AssertPublishedThenSubscribedAsync(sdk, microphone.Sid, TrackKind.Audio, TrackSource.Microphone);
        RemoteTrackPublication video = await AssertPublishedThenSubscribedAsync(sdk, camera.Sid, TrackKind.Video, TrackSource.Camera);
        Assert.IsType<RemoteAudioTrack>(audio.Track);
        Assert.IsType<RemoteVideoTrack>(video.Track);
        Assert.Equal("audio/opus", audio.MimeType, ignoreCase: true);
        Assert.Equal(2, sdk.Room.RemoteParticipants["browser"].TrackPublications.Count);

        RemoteTrack cameraTrack = video.Track!;
        var mark = sdk.Mark();
        await browser.UnpublishAsync("camera", timeout.Token);

        RoomEventRecord unpublished = await sdk.WaitAfterAsync(mark, "track_unpublished", e => ReferenceEquals(e.Args[0], video));
        RoomEventRecord unsubscribed = Assert.Single(sdk.EventsAbout("track_unsubscribed", video));
        Assert.Same(cameraTrack, unsubscribed.Args[0]);
        Assert.True(sdk.IndexOf(unsubscribed) < sdk.IndexOf(unpublished), sdk.Log.Describe());
        Assert.False(video.IsSubscribed);
        Assert.Equal([microphone.Sid], sdk.Room.RemoteParticipants["browser"].TrackPublications.Keys);
        Assert.True(audio.IsSubscribed);
        Assert.Empty(sdk.EventsAbout("track_unsubscribed", audio));
    }

    [Fact]
    public async Task Tracks_published_before_the_sdk_joins_are_in_its_state_at_connected_and_subscribed_after_it()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        ClientTrackPublication microphone = await browser.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        ClientTrackPublication camera = await browser.PublishCameraAsync(cancellationToken: timeout.Token);

        // livekit-client's publish resolves once the publisher offer is answered, when the server has bound both tracks.
        using RoomServiceClient api = ServerScenario.Api(server);
        Proto.ParticipantInfo listed = await api.GetParticipantAsync(new Proto.RoomParticipantIdentity { Room = Room, Identity = "browser" }, timeout.Token);
        Assert.Equal(2, listed.Tracks.Count);

        string[] atConnected = [];
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(
            server, "dotnet", Room, timeout.Token,
            beforeConnect: room => room.Once(RoomEvent.Connected, () =>
                atConnected = room.RemoteParticipants.TryGetValue("browser", out RemoteParticipant? found)
                    ? found.TrackPublications.Values.Select(p => $"{p.Sid} {p.Kind} {p.Source}").Order(System.StringComparer.Ordinal).ToArray()
                    : []));

        Assert.Equal(
            new[] { $"{microphone.Sid} Audio Microphone", $"{camera.Sid} Video Camera" }.Order(System.StringComparer.Ordinal),
            atConnected);
        IReadOnlyList<RoomEventRecord> subscribed = await sdk.Log.WaitForCountAsync("track_subscribed", 2);
        int connected = sdk.Log.Names.ToList().IndexOf("connected");
        Assert.All(subscribed, e => Assert.True(sdk.IndexOf(e) > connected, sdk.Log.Describe()));
        Assert.Equal(
            new[] { microphone.Sid, camera.Sid }.Order(System.StringComparer.Ordinal),
            subscribed.Select(e => ((RemoteTrackPublication)e.Args[1]!).Sid).Order(System.StringComparer.Ordinal));
        Assert.All(sdk.Room.RemoteParticipants["browser"].TrackPublications.Values, p => Assert.True(p.IsSubscribed));
        // Already there: no track_published for them.
        Assert.DoesNotContain("track_published", sdk.Log.Names);
    }

    [Fact]
    public async Task Without_auto_subscribe_the_sdk_subscribes_and_unsubscribes_by_hand()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token, options: new RoomOptions { AutoSubscribe = false });
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);

        ClientTrackPublication microphone = await browser.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        RoomEventRecord published = await sdk.Log.WaitForAsync(e => e.Name == "track_published" && ((RemoteTrackPublication)e.Args[0]!).Sid == microphone.Sid, "track_published");
        var publication = (RemoteTrackPublication)published.Args[0]!;

        // A later signal message from the server (after any subscriber offer it would have sent for the track).
        using RoomServiceClient api = ServerScenario.Api(server);
        await api.UpdateParticipantAsync(new Proto.UpdateParticipantRequest { Room = Room, Identity = "browser", Metadata = "barrier" }, timeout.Token);
        await sdk.Log.WaitForAsync("participant_metadata_changed", "browser barrier");
        Assert.DoesNotContain("track_subscribed", sdk.Log.Names);
        Assert.False(publication.IsSubscribed);

        var mark = sdk.Mark();
        publication.SetSubscribed(true);
        RoomEventRecord subscribed = await sdk.WaitAfterAsync(mark, "track_subscribed");
        Assert.Same(publication, subscribed.Args[1]);
        Assert.IsType<RemoteAudioTrack>(subscribed.Args[0]);
        Assert.True(publication.IsSubscribed);
        await browser.WaitForEventAsync("localTrackSubscribed", e => e.ArgString("publication", "sid") == microphone.Sid, cancellationToken: timeout.Token);

        mark = sdk.Mark();
        publication.SetSubscribed(false);
        RoomEventRecord unsubscribed = await sdk.WaitAfterAsync(mark, "track_unsubscribed");
        Assert.Same(publication, unsubscribed.Args[1]);
        Assert.Same(subscribed.Args[0], unsubscribed.Args[0]);
        Assert.False(publication.IsSubscribed);
        // Unsubscribed, still published.
        Assert.Same(publication, sdk.Room.RemoteParticipants["browser"].TrackPublications[microphone.Sid]);
        Assert.DoesNotContain("track_unpublished", sdk.Log.Names);
    }

    /// <summary>
    /// Waits for track_subscribed of <paramref name="sid"/>; checks that track_published of it came first, once, with
    /// the kind and source, and that the track has the publication's kind. Returns the publication.
    /// </summary>
    private static async Task<RemoteTrackPublication> AssertPublishedThenSubscribedAsync(SdkParticipant sdk, string sid, TrackKind kind, TrackSource source)
    {
        RoomEventRecord subscribed = await sdk.Log.WaitForAsync(
            e => e.Name == "track_subscribed" && ((RemoteTrackPublication)e.Args[1]!).Sid == sid, $"track_subscribed {sid}");
        var publication = (RemoteTrackPublication)subscribed.Args[1]!;
        var track = (RemoteTrack)subscribed.Args[0]!;
        Assert.Equal("browser", ((RemoteParticipant)subscribed.Args[2]!).Identity);
        Assert.Equal(kind, publication.Kind);
        Assert.Equal(source, publication.Source);
        Assert.Equal(kind, track.Kind);
        Assert.Equal(sid, track.Sid);
        Assert.Same(track, publication.Track);
        Assert.True(publication.IsSubscribed);

        RoomEventRecord published = Assert.Single(sdk.EventsAbout("track_published", publication));
        Assert.True(sdk.IndexOf(published) < sdk.IndexOf(subscribed), sdk.Log.Describe());
        Assert.Single(sdk.EventsAbout("track_subscribed", publication));
        return publication;
    }
}
