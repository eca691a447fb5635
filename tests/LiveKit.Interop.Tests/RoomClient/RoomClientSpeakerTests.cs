using System;
using System.Collections.Generic;
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
/// What the server measures of a livekit-client participant and reports on timers, as our room client sees it: active
/// speakers (speakers_changed, deltas) and connection quality (connection_quality).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientSpeakerTests
{
    private const string Room = "room-speakers";

    private readonly ChromiumBrowser _browser;

    public RoomClientSpeakerTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task A_simulated_speaker_in_the_browser_is_an_active_speaker_at_the_sdk_and_stops_after()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        await sdk.Log.WaitForAsync("participant_connected", "browser");

        // livekit-client's simulateScenario('speaker') sends simulate speaker_update: the server counts the browser as
        // speaking for 3 s.
        await browser.SimulateScenarioAsync("speaker", timeout.Token);

        RoomEventRecord speaking = await sdk.Log.WaitForAsync("active_speakers_changed", "browser");
        Participant speaker = Assert.Single((IReadOnlyList<Participant>)speaking.Args[0]!);
        Assert.Same(sdk.Room.RemoteParticipants["browser"], speaker);
        Assert.True(speaker.IsSpeaking);
        Assert.True(speaker.AudioLevel > 0, $"audio level {speaker.AudioLevel}");

        // After the 3 s the server reports the browser inactive: the list empties.
        RoomEventRecord quiet = await sdk.WaitAfterAsync(sdk.MarkThrough(speaking), "active_speakers_changed");
        Assert.Empty((IReadOnlyList<Participant>)quiet.Args[0]!);
        Assert.False(speaker.IsSpeaking);
        Assert.Equal(0, speaker.AudioLevel);
        Assert.Empty(sdk.Room.ActiveSpeakers);
    }

    [Fact]
    public async Task Connection_quality_of_the_browser_reaches_the_sdk_and_follows_a_forwarding_stop()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions { ConnectionQualityInterval = TimeSpan.FromSeconds(1) });
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);

        // As the real server, ours rates for each participant itself and the publishers it subscribes to.
        await browser.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        await sdk.Log.WaitForAsync("track_subscribed", "browser Audio");

        RoomEventRecord excellent = await sdk.Log.WaitForAsync("connection_quality_changed", "browser Excellent");
        RemoteParticipant browserAtSdk = sdk.Room.RemoteParticipants["browser"];
        Assert.Same(browserAtSdk, excellent.Args[0]);
        Assert.Equal(ConnectionQuality.Excellent, browserAtSdk.ConnectionQuality);
        await sdk.Log.WaitForAsync("connection_quality_changed", "dotnet Excellent");
        Assert.Equal(ConnectionQuality.Excellent, sdk.Local.ConnectionQuality);

        // Nothing forwarded to the browser: the server rates its connection lost, and excellent again once it resumes.
        var mark = sdk.Mark();
        await server.Faults.StopForwardingAsync(Room, "browser");
        RoomEventRecord lost = await sdk.WaitAfterAsync(mark, "connection_quality_changed", e => ReferenceEquals(e.Args[0], browserAtSdk));
        Assert.Equal(ConnectionQuality.Lost, lost.Args[1]);
        Assert.Equal(ConnectionQuality.Lost, browserAtSdk.ConnectionQuality);

        mark = sdk.Mark();
        await server.Faults.ResumeForwardingAsync(Room, "browser");
        RoomEventRecord back = await sdk.WaitAfterAsync(mark, "connection_quality_changed", e => ReferenceEquals(e.Args[0], browserAtSdk));
        Assert.Equal(ConnectionQuality.Excellent, back.Args[1]);
        // The SDK's own rating never moved.
        Assert.Single(sdk.Log.Events, e => e.Name == "connection_quality_changed" && ReferenceEquals(e.Args[0], sdk.Local));
    }
}
