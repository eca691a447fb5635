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
/// Track mute state through LiveKit.Testing: the publisher's own mute and unmute (the mute signal request), and a mute
/// the server API imposes (MutePublishedTrack: the server's mute to the publisher), judged by livekit-client's
/// <c>trackMuted</c> and <c>trackUnmuted</c> in both pages.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitServerMuteTests
{
    private const string Room = "room-mute";

    private readonly ChromiumBrowser _browser;

    public LiveKitServerMuteTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task The_publishers_microphone_mute_and_unmute_reach_the_other_browser()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        ClientTrackPublication microphone = await alice.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        await bob.WaitForEventAsync("trackSubscribed", e => e.ArgString("publication", "sid") == microphone.Sid, cancellationToken: timeout.Token);

        long mark = bob.LastEventSeq;
        ClientTrackPublication muted = await alice.SetMicrophoneMutedAsync(true, timeout.Token);
        Assert.True(muted.Muted);
        ClientEvent mutedAtBob = await bob.WaitForEventAfterAsync(
            mark, "trackMuted", e => e.ParticipantIdentity == "alice" && e.ArgString("publication", "sid") == microphone.Sid, cancellationToken: timeout.Token);
        Assert.Equal("microphone", mutedAtBob.ArgString("publication", "source"));
        Assert.Equal("true", mutedAtBob.ArgString("publication", "muted"));

        mark = bob.LastEventSeq;
        ClientTrackPublication unmuted = await alice.SetMicrophoneMutedAsync(false, timeout.Token);
        Assert.False(unmuted.Muted);
        ClientEvent unmutedAtBob = await bob.WaitForEventAfterAsync(
            mark, "trackUnmuted", e => e.ParticipantIdentity == "alice" && e.ArgString("publication", "sid") == microphone.Sid, cancellationToken: timeout.Token);
        Assert.Equal("false", unmutedAtBob.ArgString("publication", "muted"));

        ClientParticipantState aliceAtBob = Assert.Single((await bob.GetStateAsync(timeout.Token)).RemoteParticipants);
        Assert.False(Assert.Single(aliceAtBob.Tracks).Muted);
    }

    [Fact]
    public async Task A_mute_through_the_api_mutes_the_publishers_track_and_the_other_sees_it()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        ClientTrackPublication microphone = await alice.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        await bob.WaitForEventAsync("trackSubscribed", e => e.ArgString("publication", "sid") == microphone.Sid, cancellationToken: timeout.Token);
        using RoomServiceClient api = ServerScenario.Api(server);

        MuteRoomTrackResponse response = await api.MutePublishedTrackAsync(
            new MuteRoomTrackRequest { Room = Room, Identity = "alice", TrackSid = microphone.Sid, Muted = true }, timeout.Token);
        Assert.True(response.Track.Muted);
        Assert.Equal(microphone.Sid, response.Track.Sid);

        // The publisher applies the server's mute to its own track (LocalParticipant's RemoteMute handler).
        ClientEvent mutedAtAlice = await alice.WaitForEventAsync(
            "trackMuted", e => e.ArgString("publication", "sid") == microphone.Sid, cancellationToken: timeout.Token);
        Assert.Equal("true", mutedAtAlice.ArgString("participant", "isLocal"));
        ClientEvent mutedAtBob = await bob.WaitForEventAsync(
            "trackMuted", e => e.ParticipantIdentity == "alice" && e.ArgString("publication", "sid") == microphone.Sid, cancellationToken: timeout.Token);
        Assert.Equal("microphone", mutedAtBob.ArgString("publication", "source"));

        ClientTrackPublication local = Assert.Single((await alice.GetStateAsync(timeout.Token)).LocalParticipant!.Tracks);
        Assert.True(local.Muted);
        ClientParticipantState aliceAtBob = Assert.Single((await bob.GetStateAsync(timeout.Token)).RemoteParticipants);
        Assert.True(Assert.Single(aliceAtBob.Tracks).Muted);

        // The publisher can unmute itself again.
        long mark = bob.LastEventSeq;
        await alice.SetMicrophoneMutedAsync(false, timeout.Token);
        await bob.WaitForEventAfterAsync(mark, "trackUnmuted", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);
    }
}
