using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>
/// The livekit-client harness itself, with no server: the pinned bundle loads from node_modules, a failed connect
/// comes back as the library's error instead of a hang, and the event log delivers in order and wakes its waiters.
/// If these fail, no test against livekit-client can pass.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitClientHarnessTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    private readonly ChromiumBrowser _browser;
    private readonly ITestOutputHelper _output;

    public LiveKitClientHarnessTests(ChromiumBrowser browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    [Fact]
    public async Task The_page_loads_livekit_client_2_23_0_from_node_modules()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using LiveKitClientPage page = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);
        _output.WriteLine($"Chromium {_browser.Version}, page {page.Address}");

        Assert.Equal("2.23.0", await page.GetClientVersionAsync(timeout.Token));
        Assert.Equal("function", await page.Page.EvaluateAsync<string>("() => typeof LivekitClient.Room"));

        ClientState state = await page.GetStateAsync(timeout.Token);
        Assert.Null(state.Room);
        Assert.Null(state.LocalParticipant);
        Assert.Empty(state.RemoteParticipants);
        Assert.Empty(page.Events);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public async Task Connecting_to_a_closed_port_rejects_with_the_clients_connection_error(bool? singlePeerConnection)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using LiveKitClientPage page = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);
        int port = ClosedLoopbackPort();

        LiveKitClientException e = await Assert.ThrowsAsync<LiveKitClientException>(() => page.ConnectAsync(
            $"ws://127.0.0.1:{port}", "not-a-token", new ClientConnectOptions { SinglePeerConnection = singlePeerConnection }, timeout.Token));
        _output.WriteLine(e.Message);

        Assert.Equal("connect", e.Function);
        Assert.Equal("ConnectionError", e.Error.Name);
        Assert.Equal("ServerUnreachable", e.Error.ReasonName);
        Assert.False(string.IsNullOrWhiteSpace(e.Error.Message));

        // The room went back to disconnected, and said so through the event log.
        ClientEvent disconnected = await page.WaitForEventAsync(
            "connectionStateChanged", c => c.ArgString("state") == "disconnected", cancellationToken: timeout.Token);
        Assert.Contains(page.Events, c => c.Name == "connectionStateChanged" && c.ArgString("state") == "connecting" && c.Seq < disconnected.Seq);
        ClientState state = await page.GetStateAsync(timeout.Token);
        Assert.Equal("disconnected", state.Room?.ConnectionState);
        Assert.NotNull(state.LocalParticipant);
        Assert.Empty(state.LocalParticipant.Tracks);
        Assert.Empty(state.RemoteParticipants);
        Assert.Empty(await page.GetInboundStatsAsync(timeout.Token));
        Assert.Empty(await page.GetOutboundStatsAsync(timeout.Token));
        foreach (ClientEvent logged in page.Events)
        {
            _output.WriteLine(logged.ToString());
        }
    }

    [Fact]
    public async Task Livekit_client_captures_the_fake_microphone_and_camera()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using LiveKitClientPage page = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);

        // What publishMicrophone and publishCamera capture, without a server to publish to.
        string[] captured = await page.Page.EvaluateAsync<string[]>(@"async () => {
            const tracks = await LivekitClient.createLocalTracks({
                audio: true, video: { resolution: { width: 640, height: 360, frameRate: 15 } } });
            const described = tracks.map(t => `${t.kind}:${t.source}:${t.mediaStreamTrack.readyState}`);
            tracks.forEach(t => t.stop());
            return described;
        }").WaitAsync(_browser.OperationTimeout, timeout.Token);

        Assert.Equal(new[] { "audio:microphone:live", "video:camera:live" }, captured.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_page_function_that_fails_rejects_with_its_message()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using LiveKitClientPage page = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);

        LiveKitClientException e = await Assert.ThrowsAsync<LiveKitClientException>(() => page.PublishMicrophoneAsync(cancellationToken: timeout.Token));

        Assert.Equal("publishMicrophone", e.Function);
        Assert.Equal("not connected: call connect() first", e.Error.Message);
        Assert.Contains("not connected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_reach_csharp_in_page_order_and_wake_the_waits_that_match()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using LiveKitClientPage page = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);

        // Waits registered before the events exist: only the matching event ends each one.
        Task<ClientEvent> second = page.WaitForEventAsync("harness", c => c.ArgString("n") == "2", cancellationToken: timeout.Token);
        Task<ClientEvent> other = page.WaitForEventAsync("other", cancellationToken: timeout.Token);
        Assert.False(second.IsCompleted);

        long first = await page.EmitTestEventAsync("harness", new { n = 1, text = "héllo" }, timeout.Token);
        long secondSeq = await page.EmitTestEventAsync("harness", new { n = 2, participant = new { identity = "bob" } }, timeout.Token);
        long otherSeq = await page.EmitTestEventAsync("other", null, timeout.Token);

        ClientEvent matched = await second;
        Assert.Equal(secondSeq, matched.Seq);
        Assert.Equal("bob", matched.ParticipantIdentity);
        Assert.Equal(otherSeq, (await other).Seq);
        Assert.Equal([1L, 2L, 3L], new[] { first, secondSeq, otherSeq });

        // An event already logged satisfies a later wait at once; a wait after a mark needs a newer event.
        ClientEvent logged = await page.WaitForEventAsync("harness", cancellationToken: timeout.Token);
        Assert.Equal(first, logged.Seq);
        Assert.Equal("héllo", logged.ArgString("text"));
        long mark = page.LastEventSeq;
        Task<ClientEvent> afterMark = page.WaitForEventAfterAsync(mark, "harness", cancellationToken: timeout.Token);
        Assert.False(afterMark.IsCompleted);
        long fourth = await page.EmitTestEventAsync("harness", new { n = 4 }, timeout.Token);
        Assert.Equal(fourth, (await afterMark).Seq);

        // C#'s log is the page's log, in the same order.
        IReadOnlyList<ClientEvent> fromPage = await page.GetPageEventsAsync(timeout.Token);
        Assert.Equal(fromPage.Select(c => (c.Seq, c.Name)), page.Events.Select(c => (c.Seq, c.Name)));
        Assert.Equal([1L, 2L, 3L, 4L], page.Events.Select(c => c.Seq));
    }

    [Fact]
    public async Task Two_pages_in_one_browser_keep_separate_logs()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        LiveKitClientPage[] pages = await Task.WhenAll(
            LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token), LiveKitClientPage.OpenAsync(_browser, "bob", timeout.Token));
        await using LiveKitClientPage alice = pages[0];
        await using LiveKitClientPage bob = pages[1];

        await alice.EmitTestEventAsync("fromAlice", null, timeout.Token);
        await bob.EmitTestEventAsync("fromBob", null, timeout.Token);
        await alice.WaitForEventAsync("fromAlice", cancellationToken: timeout.Token);
        await bob.WaitForEventAsync("fromBob", cancellationToken: timeout.Token);

        Assert.NotEqual(alice.Address, bob.Address);
        Assert.Equal(["fromAlice"], alice.Events.Select(c => c.Name));
        Assert.Equal(["fromBob"], bob.Events.Select(c => c.Name));
    }

    [Fact]
    public async Task A_wait_for_an_event_that_never_comes_ends_with_what_was_logged()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        LiveKitClientPage page = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);
        await page.EmitTestEventAsync("somethingElse", new { detail = "seen" }, timeout.Token);

        TimeoutException e = await Assert.ThrowsAsync<TimeoutException>(
            () => page.WaitForEventAsync("connected", timeout: TimeSpan.FromMilliseconds(200), cancellationToken: timeout.Token));
        _output.WriteLine(e.Message);
        Assert.Contains("'connected'", e.Message, StringComparison.Ordinal);
        Assert.Contains("#1 somethingElse", e.Message, StringComparison.Ordinal);

        // Once the page is gone, a wait fails at once instead of running out its time.
        Task<ClientEvent> pending = page.WaitForEventAsync("connected", cancellationToken: timeout.Token);
        await page.DisposeAsync();
        InvalidOperationException ended = await Assert.ThrowsAsync<InvalidOperationException>(() => pending);
        Assert.Contains("the page", ended.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: one the kernel just handed out and that was closed again.</summary>
    private static int ClosedLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
