using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>
/// LiveKit.Testing judged by the official client: livekit-client 2.23.0 in Chromium joins rooms on our server and
/// everything is observed through livekit-client's own events and getStats.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitServerRoomTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    private readonly ChromiumBrowser _browser;
    private readonly ITestOutputHelper _output;

    public LiveKitServerRoomTests(ChromiumBrowser browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    [Fact]
    public async Task Two_browsers_join_see_each_other_and_receive_each_others_microphone_and_camera()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);
        await using LiveKitClientPage bob = await LiveKitClientPage.OpenAsync(_browser, "bob", timeout.Token);
        string url = server.Url.ToString().TrimEnd('/');

        // The library's defaults: it tries /rtc/v1 first and falls back to /rtc on the 404.
        ClientState aliceState = await alice.ConnectAsync(url, server.CreateToken("alice", "room-a"), cancellationToken: timeout.Token);
        Assert.Equal("connected", aliceState.Room?.ConnectionState);
        Assert.Equal("room-a", aliceState.Room?.Name);
        Assert.Equal("/rtc", aliceState.Room?.SignalPath);
        ClientState bobState = await bob.ConnectAsync(url, server.CreateToken("bob", "room-a"), cancellationToken: timeout.Token);
        Assert.Equal("alice", Assert.Single(bobState.RemoteParticipants).Identity);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);

        await alice.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        await alice.PublishCameraAsync(cancellationToken: timeout.Token);
        await bob.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        await bob.PublishCameraAsync(cancellationToken: timeout.Token);

        foreach (string source in new[] { "microphone", "camera" })
        {
            await bob.WaitForEventAsync("trackPublished", e => e.ArgString("publication", "source") == source, cancellationToken: timeout.Token);
            await bob.WaitForEventAsync("trackSubscribed", e => e.ArgString("publication", "source") == source, cancellationToken: timeout.Token);
        }

        foreach (string source in new[] { "microphone", "camera" })
        {
            await alice.WaitForEventAsync("trackSubscribed", e => e.ArgString("publication", "source") == source, cancellationToken: timeout.Token);
        }

        // livekit-client sends the camera in simulcast layers; the server forwards the best one flowing, so bob ends
        // up decoding the full 640x360 picture.
        var received = await bob.WaitForInboundStatsAsync(
            stats => stats.Any(s => s.Kind == "audio" && s.TotalSamplesReceived > 48000 / 2)
                && stats.Any(s => s.Kind == "video" && s.FramesDecoded > 5 && s.FrameWidth == 640),
            cancellationToken: timeout.Token);
        foreach (ClientInboundStats s in received)
        {
            _output.WriteLine($"bob receives {s}");
        }

        var aliceReceived = await alice.WaitForInboundStatsAsync(
            stats => stats.Any(s => s.Kind == "audio" && s.PacketsReceived > 20) && stats.Any(s => s.Kind == "video" && s.FramesDecoded > 5),
            cancellationToken: timeout.Token);
        Assert.All(aliceReceived, s => Assert.Equal("bob", s.ParticipantIdentity));
    }

    [Fact]
    public async Task An_unpublished_track_leaves_its_subscriber()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);
        await using LiveKitClientPage bob = await LiveKitClientPage.OpenAsync(_browser, "bob", timeout.Token);
        string url = server.Url.ToString().TrimEnd('/');
        var dualPc = new ClientConnectOptions { SinglePeerConnection = false };
        await alice.ConnectAsync(url, server.CreateToken("alice", "room-u"), dualPc, timeout.Token);
        await bob.ConnectAsync(url, server.CreateToken("bob", "room-u"), dualPc, timeout.Token);

        ClientTrackPublication published = await alice.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        await bob.WaitForEventAsync("trackSubscribed", e => e.ArgString("publication", "sid") == published.Sid, cancellationToken: timeout.Token);
        await alice.UnpublishAsync("microphone", timeout.Token);

        await bob.WaitForEventAsync("trackUnsubscribed", e => e.ArgString("publication", "sid") == published.Sid, cancellationToken: timeout.Token);
        await bob.WaitForEventAsync("trackUnpublished", e => e.ArgString("publication", "sid") == published.Sid, cancellationToken: timeout.Token);
        ClientState state = await bob.GetStateAsync(timeout.Token);
        Assert.Empty(Assert.Single(state.RemoteParticipants).Tracks);
    }
}
