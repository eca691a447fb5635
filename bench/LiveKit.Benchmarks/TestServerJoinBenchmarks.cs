using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Testing;

namespace LiveKit.Benchmarks;

/// <summary>
/// Join time of a livekit-client 2.23.0 participant (the interop tests' page, headless Chromium) on an in-process
/// <see cref="LiveKitTestServer"/> on 127.0.0.1: one <c>room.connect(url, token)</c> per iteration, from the call to the
/// resolved promise (the signal join done and the subscriber PeerConnection connected), then a disconnect outside the
/// measurement. Every iteration joins as a new identity, so no join replaces a leaving one.
/// <list type="bullet">
/// <item><b>PeerConnectionPair</b> (the baseline): the same page connects two RTCPeerConnections to each other, candidates
/// trickled in the page, until a data channel is open on both ends: the floor of any join (no signalling server).</item>
/// <item><b>JoinDefault</b>: livekit-client's defaults: <c>/rtc/v1/validate</c> answers 404, so the client falls back to
/// <c>/rtc</c> (two PeerConnections).</item>
/// <item><b>JoinDualPeerConnection</b>: <c>singlePeerConnection: false</c>, straight to <c>/rtc</c>.</item>
/// <item><b>PageRoundTrip</b>: an empty <c>page.evaluate</c>: the harness's share of every row above (Playwright's pipe to
/// the browser and back).</item>
/// </list>
/// Needs the loopback-only network namespace, and a Release build before entering it:
/// <c>bash scripts/interop-netns.sh dotnet bench/LiveKit.Benchmarks/bin/Release/net10.0/LiveKit.Benchmarks.dll --filter '*TestServerJoin*'</c>.
/// </summary>
[Config(typeof(TestServerJoinBenchmarkConfig))]
public class TestServerJoinBenchmarks
{
    private const string Room = "bench-room";
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Two RTCPeerConnections in the page, trickling to each other (a candidate waits until its target has the remote
    /// description), until the offerer's data channel is open on both ends; the pair stays in window.benchPair for the
    /// cleanup. Resolves to the page's own time in ms.
    /// </summary>
    internal const string ConnectPairScript = """
        async () => {
          const started = performance.now();
          const a = new RTCPeerConnection();
          const b = new RTCPeerConnection();
          window.benchPair = [a, b];
          const relay = (from, to) => {
            const waiting = [];
            let ready = false;
            from.onicecandidate = (e) => {
              if (!e.candidate) return;
              if (ready) to.addIceCandidate(e.candidate); else waiting.push(e.candidate);
            };
            return () => { ready = true; for (const c of waiting.splice(0)) to.addIceCandidate(c); };
          };
          const flushToB = relay(a, b);
          const flushToA = relay(b, a);
          const channel = a.createDataChannel('bench');
          const offererOpen = new Promise((resolve) => { channel.onopen = resolve; });
          const answererOpen = new Promise((resolve) => {
            b.ondatachannel = (e) => {
              if (e.channel.readyState === 'open') resolve(); else e.channel.onopen = resolve;
            };
          });
          await a.setLocalDescription(await a.createOffer());
          await b.setRemoteDescription(a.localDescription);
          flushToB();
          await b.setLocalDescription(await b.createAnswer());
          await a.setRemoteDescription(b.localDescription);
          flushToA();
          await Promise.all([offererOpen, answererOpen]);
          return performance.now() - started;
        }
        """;

    internal const string ClosePairScript = "() => { for (const pc of window.benchPair ?? []) pc.close(); window.benchPair = []; }";

    private LiveKitTestServer? _server;
    private ChromiumBrowser? _browser;
    private LiveKitClientPage? _page;
    private string _url = "";
    private string _token = "";
    private int _joins;

    /// <summary>The server, the browser and one participant page; one trial join per mode checks the signal path.</summary>
    [GlobalSetup]
    public void Setup() => Run(async ct =>
    {
        _browser = await ChromiumBrowser.LaunchAsync(); // checks that only loopback is up
        _server = await LiveKitTestServer.StartAsync(cancellationToken: ct);
        _url = _server.Url.ToString().TrimEnd('/');
        _page = await LiveKitClientPage.OpenAsync(_browser, "bench", ct);
        foreach (bool? single in new bool?[] { null, false })
        {
            ClientState state = await _page.ConnectAsync(_url, NextToken(), new ClientConnectOptions { SinglePeerConnection = single }, ct);
            if (state.Room?.SignalPath != "/rtc")
            {
                throw new InvalidOperationException($"The trial join (singlePeerConnection {single?.ToString() ?? "default"}) used {state.Room?.SignalPath ?? "no path"}, not /rtc.");
            }

            await _page.DisconnectAsync(ct);
        }

        double pairMs = await _page.Page.EvaluateAsync<double>(ConnectPairScript);
        await _page.Page.EvaluateAsync(ClosePairScript);
        Console.WriteLine($"// trial PeerConnection pair: {pairMs:0.0} ms in the page");

        // Where a join's time goes, from the page's own event times (performance.now()), after a few warm-up joins.
        foreach (bool? single in new bool?[] { null, false })
        {
            for (int i = 0; i < 5; i++)
            {
                await _page.ConnectAsync(_url, NextToken(), new ClientConnectOptions { SinglePeerConnection = single }, ct);
                await _page.DisconnectAsync(ct);
            }

            Console.WriteLine($"// join timeline (singlePeerConnection {single?.ToString() ?? "default"}): {await JoinTimelineAsync(single, ct)}");
        }
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

    /// <summary>A token for a new identity, made before the measurement.</summary>
    [IterationSetup(Targets = [nameof(JoinDefault), nameof(JoinDualPeerConnection)])]
    public void NewIdentity() => _token = NextToken();

    /// <summary>Leaves the room, outside the measurement.</summary>
    [IterationCleanup(Targets = [nameof(JoinDefault), nameof(JoinDualPeerConnection)])]
    public void Leave() => Run(ct => _page!.DisconnectAsync(ct));

    /// <summary>Closes the pair, outside the measurement.</summary>
    [IterationCleanup(Targets = [nameof(PeerConnectionPair)])]
    public void ClosePair() => Run(_ => _page!.Page.EvaluateAsync(ClosePairScript));

    /// <summary>Two RTCPeerConnections in the page, connected, a data channel open on both: the floor of any join.</summary>
    [Benchmark(Baseline = true)]
    public Task<double> PeerConnectionPair() => _page!.Page.EvaluateAsync<double>(ConnectPairScript);

    /// <summary>livekit-client's defaults: /rtc/v1 first, 404, then /rtc with two PeerConnections.</summary>
    [Benchmark]
    public Task JoinDefault() => JoinAsync(null);

    /// <summary>singlePeerConnection: false, straight to /rtc.</summary>
    [Benchmark]
    public Task JoinDualPeerConnection() => JoinAsync(false);

    /// <summary>An empty evaluate: what the harness adds to each row.</summary>
    [Benchmark]
    public Task<int> PageRoundTrip() => _page!.Page.EvaluateAsync<int>("() => 1");

    private static void Run(Func<CancellationToken, Task> action)
    {
        using var timeout = new CancellationTokenSource(SetupTimeout);
        action(timeout.Token).GetAwaiter().GetResult();
    }

    private async Task JoinAsync(bool? singlePeerConnection)
    {
        ClientState state = await _page!.ConnectAsync(_url, _token, new ClientConnectOptions { SinglePeerConnection = singlePeerConnection });
        if (state.Room?.ConnectionState != "connected")
        {
            throw new InvalidOperationException($"The join ended {state.Room?.ConnectionState ?? "without a room"}.");
        }
    }

    /// <summary>One join, then its RoomEvents as milliseconds after the page's clock read just before the connect call.</summary>
    private async Task<string> JoinTimelineAsync(bool? singlePeerConnection, CancellationToken ct)
    {
        long mark = _page!.LastEventSeq;
        double start = await _page.Page.EvaluateAsync<double>("() => performance.now()");
        await _page.ConnectAsync(_url, NextToken(), new ClientConnectOptions { SinglePeerConnection = singlePeerConnection }, ct);
        await _page.WaitForEventAfterAsync(mark, "connected", cancellationToken: ct);
        string timeline = string.Join(", ", _page.Events
            .Where(e => e.Seq > mark && e.Name is "signalConnected" or "connectionStateChanged" or "connected")
            .Select(e => $"{e.Name}{(e.Name == "connectionStateChanged" ? " " + e.ArgString("state") : "")} +{e.AtMs - start:0} ms"));
        await _page.DisconnectAsync(ct);
        return timeline;
    }

    private string NextToken() => _server!.CreateToken($"p{++_joins}", Room);
}
