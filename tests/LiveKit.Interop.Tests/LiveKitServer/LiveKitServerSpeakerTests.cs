using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>
/// What the server observes and reports on timers: active speakers (speakers_changed) and connection quality
/// (connection_quality), judged by livekit-client's <c>activeSpeakersChanged</c> and <c>connectionQualityChanged</c>.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitServerSpeakerTests
{
    private const string Room = "room-speakers";

    private readonly ChromiumBrowser _browser;

    public LiveKitServerSpeakerTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task A_simulated_speaker_is_an_active_speaker_in_both_browsers_and_stops_after()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);

        // livekit-client's simulateScenario('speaker') asks the server to count alice as speaking for 3 s.
        await alice.SimulateScenarioAsync("speaker", timeout.Token);

        ClientEvent atBob = await bob.WaitForEventAsync("activeSpeakersChanged", e => SpeakerIdentities(e).Contains("alice"), cancellationToken: timeout.Token);
        Assert.Equal(["alice"], SpeakerIdentities(atBob));
        ClientEvent atAlice = await alice.WaitForEventAsync("activeSpeakersChanged", e => SpeakerIdentities(e).Contains("alice"), cancellationToken: timeout.Token);
        Assert.True(LocalFlagOfFirst(atAlice), "alice's own page does not list her local participant as the speaker");

        // After the 3 s the server sends alice inactive, and the list empties.
        await bob.WaitForEventAfterAsync(atBob.Seq, "activeSpeakersChanged", e => SpeakerIdentities(e).Length == 0, cancellationToken: timeout.Token);
        await alice.WaitForEventAfterAsync(atAlice.Seq, "activeSpeakersChanged", e => SpeakerIdentities(e).Length == 0, cancellationToken: timeout.Token);
    }

    [Fact]
    public async Task Connection_quality_updates_reach_each_browser_for_itself_and_those_it_subscribes_to()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions { ConnectionQualityInterval = TimeSpan.FromSeconds(1) });
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);

        // As the real server, ours rates for each participant itself and the publishers it subscribes to.
        await alice.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        await bob.PublishMicrophoneAsync(cancellationToken: timeout.Token);

        ClientEvent aliceAtBob = await bob.WaitForEventAsync("connectionQualityChanged", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);
        Assert.Equal("excellent", aliceAtBob.ArgString("quality"));
        ClientEvent bobHimself = await bob.WaitForEventAsync("connectionQualityChanged", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        Assert.Equal("excellent", bobHimself.ArgString("quality"));
        Assert.Equal("true", bobHimself.ArgString("participant", "isLocal"));
        ClientEvent bobAtAlice = await alice.WaitForEventAsync("connectionQualityChanged", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);
        Assert.Equal("excellent", bobAtAlice.ArgString("quality"));

        ClientState state = await bob.GetStateAsync(timeout.Token);
        Assert.Equal("excellent", state.LocalParticipant?.ConnectionQuality);
        Assert.Equal("excellent", Assert.Single(state.RemoteParticipants).ConnectionQuality);

        // Nothing forwarded to alice: the server rates her connection lost, and excellent again once it resumes.
        long mark = bob.LastEventSeq;
        await server.Faults.StopForwardingAsync(Room, "alice");
        ClientEvent lost = await bob.WaitForEventAfterAsync(mark, "connectionQualityChanged", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);
        Assert.Equal("lost", lost.ArgString("quality"));
        await server.Faults.ResumeForwardingAsync(Room, "alice");
        ClientEvent back = await bob.WaitForEventAfterAsync(lost.Seq, "connectionQualityChanged", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);
        Assert.Equal("excellent", back.ArgString("quality"));
    }

    private static string[] SpeakerIdentities(ClientEvent e) =>
        e.Arg("speakers") is JsonElement { ValueKind: JsonValueKind.Array } speakers
            ? speakers.EnumerateArray().Select(s => s.GetProperty("identity").GetString() ?? "").ToArray()
            : [];

    private static bool LocalFlagOfFirst(ClientEvent e) =>
        e.Arg("speakers") is JsonElement { ValueKind: JsonValueKind.Array } speakers && speakers.GetArrayLength() > 0
            && speakers[0].GetProperty("isLocal").GetBoolean();
}
