using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Rtc;
using LiveKit.Rtc.Events;
using LiveKit.Testing;

namespace LiveKit.Benchmarks;

/// <summary>
/// Join time of our room client (<see cref="Room"/>) on an in-process <see cref="LiveKitTestServer"/> on 127.0.0.1, against
/// livekit-client 2.23.0 (the interop tests' page, headless Chromium) joining the same server in the same run, and the
/// raw WebRTC connect of each side as its floor. Every join is a new identity, and leaves outside the measurement.
/// <list type="bullet">
/// <item><b>PeerConnectionPair</b> (the baseline): two of our PeerConnections (<see cref="RoomClientPeerConnectionPair"/>,
/// the options the room gives its own) created and connected over loopback until a data channel is open on both ends.</item>
/// <item><b>RoomJoin</b>: <c>room.ConnectAsync(url, token)</c> from the call until the room's <c>connected</c> handler
/// runs (a <see cref="TaskCompletionSource"/> it completes). <c>ConnectAsync</c> returns after that handler; its task is
/// checked outside the measurement. The <see cref="Room"/> is created before the measurement and disposed after.</item>
/// <item><b>BrowserPeerConnectionPair</b>: two RTCPeerConnections in the page until a data channel is open on both ends,
/// the same script as <see cref="TestServerJoinBenchmarks"/>'s baseline: the floor of the livekit-client join.</item>
/// <item><b>LiveKitClientJoin</b>: livekit-client's <c>room.connect(url, token)</c> with <c>singlePeerConnection:
/// false</c> (straight to <c>/rtc</c>, two PeerConnections, as our room joins), until the promise resolves.</item>
/// <item><b>PageRoundTrip</b>: an empty <c>page.evaluate</c>, the harness's share of the two browser rows.</item>
/// </list>
/// Needs the loopback-only network namespace, and a Release build before entering it:
/// <c>bash scripts/interop-netns.sh dotnet &lt;bin&gt;/LiveKit.Benchmarks.dll --filter '*RoomClientJoin*'</c>.
/// </summary>
[Config(typeof(TestServerJoinBenchmarkConfig))]
public class RoomClientJoinBenchmarks
{
    private const string RoomName = "bench-room";
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(120);

    // The browser pair's scripts are TestServerJoinBenchmarks' (the same baseline in both suites).
    private const string ConnectPairScript = TestServerJoinBenchmarks.ConnectPairScript;
    private const string ClosePairScript = TestServerJoinBenchmarks.ClosePairScript;

    private static readonly ClientConnectOptions DualPeerConnection = new() { SinglePeerConnection = false };

    private LiveKitTestServer? _server;
    private ChromiumBrowser? _browser;
    private LiveKitClientPage? _page;
    private string _url = "";
    private string _token = "";
    private int _joins;

    private Room? _room;
    private EventSubscription? _connectedSubscription;
    private TaskCompletionSource? _connected;
    private Task? _connect;
    private RoomClientPeerConnectionPair? _pair;

    /// <summary>The server, the browser and one livekit-client page; trial joins of both clients check the path and warm it up.</summary>
    [GlobalSetup]
    public void Setup() => Run(async ct =>
    {
        _browser = await ChromiumBrowser.LaunchAsync(); // checks that only loopback is up
        _server = await LiveKitTestServer.StartAsync(cancellationToken: ct);
        _url = _server.Url.ToString().TrimEnd('/');
        _page = await LiveKitClientPage.OpenAsync(_browser, "bench", ct);

        ClientState state = await _page.ConnectAsync(_url, NextToken(), DualPeerConnection, ct);
        if (state.Room?.SignalPath != "/rtc" || state.Room.ConnectionState != "connected")
        {
            throw new InvalidOperationException($"The trial livekit-client join ended {state.Room?.ConnectionState ?? "without a room"} on {state.Room?.SignalPath ?? "no path"}.");
        }

        await _page.DisconnectAsync(ct);

        // Our room: a few trial joins (the first one compiles the whole path), each checked, then our raw pair.
        for (int i = 0; i < 3; i++)
        {
            await using var room = new Room();
            await room.ConnectAsync(_url, NextToken(), new RoomOptions(), ct);
            if (room.ConnectionState != ConnectionState.Connected || room.LocalParticipant is null)
            {
                throw new InvalidOperationException($"The trial join of our room ended {room.ConnectionState}.");
            }
        }

        for (int i = 0; i < 3; i++)
        {
            await using RoomClientPeerConnectionPair pair = await RoomClientPeerConnectionPair.ConnectAsync(ct);
        }

        double pairMs = await _page.Page.EvaluateAsync<double>(ConnectPairScript);
        await _page.Page.EvaluateAsync(ClosePairScript);
        Console.WriteLine($"// trial browser PeerConnection pair: {pairMs:0.0} ms in the page");
    });

    /// <summary>Closes the page, the browser and the server.</summary>
    [GlobalCleanup]
    public void Cleanup() => Run(async _ =>
    {
        if (_page is not null)
        {
            await _page.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        (_page, _browser, _server) = (null, null, null);
    });

    /// <summary>A new room with its <c>connected</c> handler, and a token for a new identity, made before the measurement.</summary>
    [IterationSetup(Targets = [nameof(RoomJoin)])]
    public void NewRoom()
    {
        _token = NextToken();
        _room = new Room();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connected = connected;
        _connectedSubscription = _room.Once(RoomEvent.Connected, () => connected.TrySetResult());
    }

    /// <summary>Checks the join's own task, then leaves and disposes the room, outside the measurement.</summary>
    [IterationCleanup(Targets = [nameof(RoomJoin)])]
    public void LeaveRoom() => Run(async _ =>
    {
        await _connect!;
        if (_room!.ConnectionState != ConnectionState.Connected)
        {
            throw new InvalidOperationException($"The join ended {_room.ConnectionState}.");
        }

        _connectedSubscription!.Dispose();
        await _room.DisposeAsync();
        (_room, _connect, _connected, _connectedSubscription) = (null, null, null, null);
    });

    /// <summary>A token for a new identity, made before the measurement.</summary>
    [IterationSetup(Targets = [nameof(LiveKitClientJoin)])]
    public void NewIdentity() => _token = NextToken();

    /// <summary>The page leaves the room, outside the measurement.</summary>
    [IterationCleanup(Targets = [nameof(LiveKitClientJoin)])]
    public void LeavePage() => Run(ct => _page!.DisconnectAsync(ct));

    /// <summary>Closes our pair, outside the measurement.</summary>
    [IterationCleanup(Targets = [nameof(PeerConnectionPair)])]
    public void ClosePair() => Run(async _ =>
    {
        await _pair!.DisposeAsync();
        _pair = null;
    });

    /// <summary>Closes the page's pair, outside the measurement.</summary>
    [IterationCleanup(Targets = [nameof(BrowserPeerConnectionPair)])]
    public void CloseBrowserPair() => Run(_ => _page!.Page.EvaluateAsync(ClosePairScript));

    /// <summary>Two of our PeerConnections, connected, a data channel open on both: the floor of our join.</summary>
    [Benchmark(Baseline = true)]
    public async Task PeerConnectionPair() => _pair = await RoomClientPeerConnectionPair.ConnectAsync();

    /// <summary>Our room client's join, from the ConnectAsync call to its connected event.</summary>
    [Benchmark]
    public async Task RoomJoin()
    {
        _connect = _room!.ConnectAsync(_url, _token, new RoomOptions());

        // Both tasks complete on pool threads right after each other (connected first); WhenAny may see either first.
        await Task.WhenAny(_connected!.Task, _connect);
        if (!_connected.Task.IsCompleted)
        {
            await _connect; // a failed join throws here
            throw new InvalidOperationException("ConnectAsync completed before the connected event ran.");
        }
    }

    /// <summary>Two RTCPeerConnections in the page, connected, a data channel open on both: the floor of livekit-client's join.</summary>
    [Benchmark]
    public Task<double> BrowserPeerConnectionPair() => _page!.Page.EvaluateAsync<double>(ConnectPairScript);

    /// <summary>livekit-client's join with singlePeerConnection: false, straight to /rtc.</summary>
    [Benchmark]
    public async Task LiveKitClientJoin()
    {
        ClientState state = await _page!.ConnectAsync(_url, _token, DualPeerConnection);
        if (state.Room?.ConnectionState != "connected")
        {
            throw new InvalidOperationException($"The livekit-client join ended {state.Room?.ConnectionState ?? "without a room"}.");
        }
    }

    /// <summary>An empty evaluate: what the harness adds to the browser rows.</summary>
    [Benchmark]
    public Task<int> PageRoundTrip() => _page!.Page.EvaluateAsync<int>("() => 1");

    private static void Run(Func<CancellationToken, Task> action)
    {
        using var timeout = new CancellationTokenSource(SetupTimeout);
        action(timeout.Token).GetAwaiter().GetResult();
    }

    private string NextToken() => _server!.CreateToken($"p{++_joins}", RoomName);
}
