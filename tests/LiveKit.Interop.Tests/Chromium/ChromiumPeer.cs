using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using Microsoft.Playwright;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// One RTCPeerConnection in its own Chromium page (Chromium/web/peer.js), driven from C#: media, offer/answer,
/// trickled candidates both ways, awaitable connection, ICE and gathering states, stats and failure details.
/// Made by <see cref="ChromiumBrowser.CreatePeerAsync"/>; a browser holds any number of them.
/// </summary>
/// <remarks>
/// The page pushes its events (candidates, state changes, failures) through a Playwright binding as they happen;
/// nothing here polls except <see cref="WaitForStatsAsync"/>, because stats have no event. Every call and wait is
/// bounded by the browser's <see cref="ChromiumBrowser.OperationTimeout"/> as well as by its cancellation token.
/// </remarks>
public sealed partial class ChromiumPeer : IAsyncDisposable
{
    /// <summary>The name of the function peer.js calls with each event.</summary>
    internal const string EventBinding = "lkPeerEvent";

    private static readonly TimeSpan StatsPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly IPage _page;
    private readonly TimeSpan _timeout;
    private readonly PageEventSequencer _sequencer;
    private readonly StateTracker<PeerConnectionState> _connectionState;
    private readonly StateTracker<IceConnectionState> _iceConnectionState;
    private readonly StateTracker<GatheringState> _gatheringState;
    private readonly Channel<IceCandidateInit> _localCandidates = Channel.CreateUnbounded<IceCandidateInit>();
    private readonly object _gate = new();
    private readonly List<IceCandidateInit> _gathered = [];
    private readonly List<ChromiumPeerFailure> _failures = [];
    private readonly List<string> _receivedTracks = [];
    private string? _dtlsState;
    private int _closed;

    private ChromiumPeer(IPage page, string name, TimeSpan timeout)
    {
        _page = page;
        Name = name;
        _timeout = timeout;
        _sequencer = new PageEventSequencer(OnPageEvent);
        _connectionState = new StateTracker<PeerConnectionState>(
            $"{name}: connectionState", PeerConnectionState.New, s => s is PeerConnectionState.Failed or PeerConnectionState.Closed);
        _iceConnectionState = new StateTracker<IceConnectionState>(
            $"{name}: iceConnectionState", IceConnectionState.New, s => s is IceConnectionState.Failed or IceConnectionState.Closed);
        _gatheringState = new StateTracker<GatheringState>($"{name}: iceGatheringState", GatheringState.New, _ => false);
    }

    /// <summary>The name given at creation, used in messages (<c>offerer</c>, <c>answerer</c>...).</summary>
    public string Name { get; }

    /// <summary>The Playwright page, for what this class does not cover (screenshots, console...).</summary>
    public IPage Page => _page;

    /// <summary>
    /// The local candidates as the page gathers them, each an RTCIceCandidateInit, then one end-of-candidates item
    /// (<see cref="IceCandidateInit.IsEndOfCandidates"/>), then completion. One reader: forward them with
    /// <see cref="ChromiumSignaling.ForwardCandidatesAsync"/> or read them yourself, not both.
    /// </summary>
    public ChannelReader<IceCandidateInit> LocalCandidates => _localCandidates.Reader;

    /// <summary>Every local candidate gathered so far (without the end-of-candidates item), whoever read the channel.</summary>
    public IReadOnlyList<IceCandidateInit> GatheredCandidates
    {
        get
        {
            lock (_gate)
            {
                return _gathered.ToArray();
            }
        }
    }

    /// <summary>The latest <c>connectionState</c>.</summary>
    public PeerConnectionState ConnectionState => _connectionState.Current;

    /// <summary>Every <c>connectionState</c> so far, <c>new</c> first.</summary>
    public IReadOnlyList<PeerConnectionState> ConnectionStateHistory => _connectionState.History;

    /// <summary>The latest <c>iceConnectionState</c>.</summary>
    public IceConnectionState IceConnectionState => _iceConnectionState.Current;

    /// <summary>Every <c>iceConnectionState</c> so far, <c>new</c> first.</summary>
    public IReadOnlyList<IceConnectionState> IceConnectionStateHistory => _iceConnectionState.History;

    /// <summary>The latest <c>iceGatheringState</c>.</summary>
    public GatheringState GatheringState => _gatheringState.Current;

    /// <summary>The DTLS transport's latest state as the page reported it (<c>connecting</c>, <c>connected</c>...), or null.</summary>
    public string? DtlsState
    {
        get
        {
            lock (_gate)
            {
                return _dtlsState;
            }
        }
    }

    /// <summary>The kinds of the tracks received so far (<c>track</c> events), in order.</summary>
    public IReadOnlyList<string> ReceivedTracks
    {
        get
        {
            lock (_gate)
            {
                return _receivedTracks.ToArray();
            }
        }
    }

    /// <summary>The failures pushed by the page so far, and the page's uncaught errors. See <see cref="GetFailuresAsync"/>.</summary>
    public IReadOnlyList<ChromiumPeerFailure> Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures.ToArray();
            }
        }
    }

    /// <summary>
    /// Opens a page at <paramref name="pageAddress"/> in <paramref name="context"/> and creates its RTCPeerConnection
    /// with <paramref name="configurationJson"/> (an RTCConfiguration as JSON; null for no ICE servers and defaults).
    /// </summary>
    internal static async Task<ChromiumPeer> OpenAsync(
        IBrowserContext context, Uri pageAddress, string name, TimeSpan timeout, string? configurationJson, CancellationToken cancellationToken)
    {
        IPage page = await context.NewPageAsync().WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        var peer = new ChromiumPeer(page, name, timeout);
        try
        {
            page.PageError += (_, error) => peer.RecordHarnessFailure("pageerror", error);
            page.Crash += (_, _) => peer.RecordHarnessFailure("crash", "the page crashed");
            await page.ExposeFunctionAsync<string>(EventBinding, peer.OnBinding).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            await page.GotoAsync(pageAddress.ToString(), new PageGotoOptions { Timeout = (float)timeout.TotalMilliseconds })
                .WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            await peer.CallAsync("create", "c => lkPeer.create(c === null ? null : JSON.parse(c))", configurationJson, cancellationToken)
                .ConfigureAwait(false);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Adds the fake microphone's track: a new sendrecv transceiver on an offerer; on an answerer, after the
    /// remote offer, the offered audio transceiver becomes sendrecv (addTrack reuses it).</summary>
    public Task AddFakeMicrophoneAsync(CancellationToken cancellationToken = default) =>
        CallAsync("addFakeMicrophone", "() => lkPeer.addFakeMicrophone()", null, cancellationToken);

    /// <summary>Adds the fake camera's track, as <see cref="AddFakeMicrophoneAsync"/>.</summary>
    public Task AddFakeCameraAsync(CancellationToken cancellationToken = default) =>
        CallAsync("addFakeCamera", "() => lkPeer.addFakeCamera()", null, cancellationToken);

    /// <summary>
    /// Adds the fake camera, captured at <paramref name="width"/>x<paramref name="height"/>, as simulcast: a send-only
    /// transceiver with one encoding per rid (<c>sendEncodings</c>), the last full size and each earlier one half the next.
    /// </summary>
    public Task AddFakeCameraSimulcastAsync(IReadOnlyList<string> rids, int width, int height, CancellationToken cancellationToken = default) =>
        CallAsync("addFakeCameraSimulcast", "a => lkPeer.addFakeCameraSimulcast(a.rids, a.width, a.height)",
            new { rids, width, height }, cancellationToken);

    /// <summary>Adds a receive-only audio transceiver.</summary>
    public Task AddRecvOnlyAudioAsync(CancellationToken cancellationToken = default) =>
        CallAsync("addRecvOnly", "() => lkPeer.addRecvOnly('audio')", null, cancellationToken);

    /// <summary>Adds a receive-only video transceiver.</summary>
    public Task AddRecvOnlyVideoAsync(CancellationToken cancellationToken = default) =>
        CallAsync("addRecvOnly", "() => lkPeer.addRecvOnly('video')", null, cancellationToken);

    /// <summary>
    /// createOffer, then <paramref name="rewrite"/> on its SDP if given, then setLocalDescription; returns the offer as
    /// applied (what to send to the other side). Chromium refuses most rewrites of its own offer.
    /// </summary>
    public async Task<SessionDescriptionInit> CreateOfferAsync(Func<string, string>? rewrite = null, CancellationToken cancellationToken = default)
    {
        string sdp = await CreateOfferSdpAsync(cancellationToken).ConfigureAwait(false);
        return await SetLocalDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, rewrite is null ? sdp : rewrite(sdp)), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>createAnswer, then <paramref name="rewrite"/> if given, then setLocalDescription; returns the answer as applied.</summary>
    public async Task<SessionDescriptionInit> CreateAnswerAsync(Func<string, string>? rewrite = null, CancellationToken cancellationToken = default)
    {
        string sdp = await CreateAnswerSdpAsync(cancellationToken).ConfigureAwait(false);
        return await SetLocalDescriptionAsync(new SessionDescriptionInit(SdpType.Answer, rewrite is null ? sdp : rewrite(sdp)), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>createOffer only: the SDP Chromium would offer, not applied.</summary>
    public Task<string> CreateOfferSdpAsync(CancellationToken cancellationToken = default) =>
        CallAsync<string>("createOffer", "() => lkPeer.createOffer()", null, cancellationToken);

    /// <summary>createAnswer only: the SDP Chromium would answer, not applied.</summary>
    public Task<string> CreateAnswerSdpAsync(CancellationToken cancellationToken = default) =>
        CallAsync<string>("createAnswer", "() => lkPeer.createAnswer()", null, cancellationToken);

    /// <summary>setLocalDescription; returns the description as Chromium applied it.</summary>
    public async Task<SessionDescriptionInit> SetLocalDescriptionAsync(SessionDescriptionInit description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        string applied = await CallAsync<string>(
            "setLocalDescription", "d => lkPeer.setLocalDescription(d.type, d.sdp)", Describe(description), cancellationToken).ConfigureAwait(false);
        return new SessionDescriptionInit(description.Type, applied);
    }

    /// <summary>setRemoteDescription.</summary>
    public Task SetRemoteDescriptionAsync(SessionDescriptionInit description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        return CallAsync("setRemoteDescription", "d => lkPeer.setRemoteDescription(d.type, d.sdp)", Describe(description), cancellationToken);
    }

    /// <summary>addIceCandidate; an end-of-candidates item (empty candidate) is passed on as the end-of-candidates
    /// indication, for its media section when it names one and for all of them otherwise.</summary>
    public Task AddIceCandidateAsync(IceCandidateInit candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return CallAsync("addIceCandidate", "c => lkPeer.addIceCandidate(JSON.parse(c))", candidate.ToJson(), cancellationToken);
    }

    /// <summary>The end-of-candidates indication for every media section: <c>addIceCandidate()</c>.</summary>
    public Task AddEndOfCandidatesAsync(CancellationToken cancellationToken = default) =>
        AddIceCandidateAsync(new IceCandidateInit(string.Empty, null, null, null), cancellationToken);

    /// <summary><c>pc.localDescription</c> now (with the candidates gathered so far in it), or null.</summary>
    public Task<SessionDescriptionInit?> GetLocalDescriptionAsync(CancellationToken cancellationToken = default) =>
        GetDescriptionAsync("localDescription", cancellationToken);

    /// <summary><c>pc.remoteDescription</c> now, or null.</summary>
    public Task<SessionDescriptionInit?> GetRemoteDescriptionAsync(CancellationToken cancellationToken = default) =>
        GetDescriptionAsync("remoteDescription", cancellationToken);

    /// <summary>
    /// Waits until <c>connectionState</c> has been <paramref name="state"/> (at any time since creation). Throws
    /// <see cref="ChromiumPeerException"/> with the page's failure details when the connection fails or closes
    /// instead, and <see cref="TimeoutException"/> with the states it went through after the operation timeout.
    /// </summary>
    public async Task WaitForConnectionStateAsync(PeerConnectionState state, CancellationToken cancellationToken = default)
    {
        PeerConnectionState reached = await _connectionState.WaitAsync(state, _timeout, cancellationToken).ConfigureAwait(false);
        if (reached != state)
        {
            throw await FailureAsync($"connectionState became {reached} while waiting for {state}", null).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="WaitForConnectionStateAsync"/>, for <c>iceConnectionState</c>.</summary>
    public async Task WaitForIceConnectionStateAsync(IceConnectionState state, CancellationToken cancellationToken = default)
    {
        IceConnectionState reached = await _iceConnectionState.WaitAsync(state, _timeout, cancellationToken).ConfigureAwait(false);
        if (reached != state)
        {
            throw await FailureAsync($"iceConnectionState became {reached} while waiting for {state}", null).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until gathering is complete (every local candidate has been pushed, and the local
    /// description holds them all: non-trickle peers read it then).</summary>
    public Task WaitForGatheringCompleteAsync(CancellationToken cancellationToken = default) =>
        _gatheringState.WaitAsync(GatheringState.Complete, _timeout, cancellationToken);

    /// <summary>A summary of <c>getStats()</c> now.</summary>
    public async Task<ChromiumStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        ChromiumStats.Parse(await CallAsync<string>("getStats", "() => lkPeer.stats()", null, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads the stats every 50 ms until <paramref name="condition"/> holds (stats have no event to await) and
    /// returns the stats that satisfied it. Throws <see cref="ChromiumPeerException"/> if the connection fails or
    /// closes first, and <see cref="TimeoutException"/> (with the last stats) after the operation timeout.
    /// </summary>
    public async Task<ChromiumStats> WaitForStatsAsync(Func<ChromiumStats, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            ChromiumStats stats = await GetStatsAsync(cancellationToken).ConfigureAwait(false);
            if (condition(stats))
            {
                return stats;
            }

            if (ConnectionState is PeerConnectionState.Failed or PeerConnectionState.Closed)
            {
                throw await FailureAsync($"connectionState is {ConnectionState} and the stats condition does not hold: {stats}", null)
                    .ConfigureAwait(false);
            }

            if (elapsed.Elapsed >= _timeout)
            {
                throw new TimeoutException(
                    $"{Name}: the stats condition did not hold within {_timeout.TotalSeconds:0.#} s; last stats: {stats}");
            }

            await Task.Delay(StatsPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every failure the page recorded (read from the page, so none is still in flight), then those
    /// recorded on this side (uncaught page errors, a crash).</summary>
    public async Task<IReadOnlyList<ChromiumPeerFailure>> GetFailuresAsync(CancellationToken cancellationToken = default)
    {
        string json = await CallAsync<string>("failures", "() => lkPeer.failures()", null, cancellationToken).ConfigureAwait(false);
        List<ChromiumPeerFailure> fromPage = JsonSerializer.Deserialize<List<ChromiumPeerFailure>>(json) ?? [];
        return [.. fromPage, .. Failures.Where(f => f.AtMs is null)];
    }

    /// <summary>Closes the RTCPeerConnection and stops the fake devices; the page stays open. The states become closed.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            await CallAsync("close", "() => lkPeer.close()", null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            MarkClosed();
        }
    }

    /// <summary>Closes the connection (if the page still answers) and the page.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_page.IsClosed)
        {
            try
            {
                await CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ChromiumPeerException or PlaywrightException or TimeoutException)
            {
                // The page is going away regardless.
            }

            try
            {
                await _page.CloseAsync().WaitAsync(_timeout).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // The browser is already gone.
            }
        }

        MarkClosed();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {ConnectionState}, ICE {IceConnectionState}, {GatheringState}";

    private static object Describe(SessionDescriptionInit description) => new { type = description.TypeName, sdp = description.Sdp };

    private async Task<SessionDescriptionInit?> GetDescriptionAsync(string which, CancellationToken cancellationToken)
    {
        JsonElement? element = await EvaluateAsync(which, $"() => JSON.stringify(lkPeer.{which}())", null, cancellationToken).ConfigureAwait(false);
        string json = element?.GetString() ?? "null";
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string type = document.RootElement.GetProperty("type").GetString() ?? "";
        string sdp = document.RootElement.GetProperty("sdp").GetString() ?? "";
        if (!SessionDescriptionInit.TryParseType(type, out SdpType sdpType))
        {
            throw new ChromiumPeerException($"{Name}: {which} has type {type}, which SessionDescriptionInit does not carry", Failures);
        }

        return new SessionDescriptionInit(sdpType, sdp);
    }

    private async Task CallAsync(string operation, string expression, object? argument, CancellationToken cancellationToken) =>
        await EvaluateAsync(operation, expression, argument, cancellationToken).ConfigureAwait(false);

    private async Task<T> CallAsync<T>(string operation, string expression, object? argument, CancellationToken cancellationToken)
    {
        JsonElement? result = await EvaluateAsync(operation, expression, argument, cancellationToken).ConfigureAwait(false);
        if (result is not JsonElement element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new ChromiumPeerException($"{Name}: {operation} returned nothing", Failures);
        }

        return element.Deserialize<T>() ?? throw new ChromiumPeerException($"{Name}: {operation} returned null", Failures);
    }

    private async Task<JsonElement?> EvaluateAsync(string operation, string expression, object? argument, CancellationToken cancellationToken)
    {
        try
        {
            return await _page.EvaluateAsync(expression, argument).WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (PlaywrightException e)
        {
            throw await FailureAsync($"{operation} failed: {FirstLine(e.Message)}", e).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new ChromiumPeerException($"{Name}: {operation} did not finish within {_timeout.TotalSeconds:0.#} s", Failures, e);
        }
    }

    /// <summary>An exception with the page's failures: read from the page when it still answers, else those pushed.</summary>
    private async Task<ChromiumPeerException> FailureAsync(string message, Exception? inner)
    {
        IReadOnlyList<ChromiumPeerFailure> failures = Failures;
        if (!_page.IsClosed)
        {
            try
            {
                JsonElement? json = await _page.EvaluateAsync("() => lkPeer.failures()").WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                List<ChromiumPeerFailure> fromPage = JsonSerializer.Deserialize<List<ChromiumPeerFailure>>(json?.GetString() ?? "[]") ?? [];
                failures = [.. fromPage, .. failures.Where(f => f.AtMs is null)];
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or JsonException)
            {
                // Keep the pushed ones.
            }
        }

        return new ChromiumPeerException($"{Name}: {message}", failures, inner);
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private void RecordHarnessFailure(string kind, string message)
    {
        lock (_gate)
        {
            _failures.Add(new ChromiumPeerFailure(kind, message, null));
        }
    }

    /// <summary>The binding peer.js calls; runs on Playwright's dispatch, so it only parses and hands over.</summary>
    private void OnBinding(string json)
    {
        PageEvent pageEvent;
        try
        {
            pageEvent = PageEvent.Parse(json);
        }
        catch (JsonException e)
        {
            RecordHarnessFailure("harness", $"unreadable page event {json}: {e.Message}");
            return;
        }

        _sequencer.Accept(pageEvent);
    }

    private void OnPageEvent(PageEvent pageEvent)
    {
        switch (pageEvent.Type)
        {
            case "candidate" when pageEvent.Candidate is JsonElement raw:
                if (IceCandidateInit.TryParseJson(raw.GetRawText(), out IceCandidateInit? candidate))
                {
                    lock (_gate)
                    {
                        _gathered.Add(candidate);
                    }

                    _localCandidates.Writer.TryWrite(candidate);
                }
                else
                {
                    RecordHarnessFailure("harness", $"unreadable candidate {raw.GetRawText()}");
                }

                break;
            case "endOfCandidates":
                _localCandidates.Writer.TryWrite(new IceCandidateInit(string.Empty, null, null, null));
                _localCandidates.Writer.TryComplete();
                _gatheringState.Enter(GatheringState.Complete);
                break;
            case "connectionState":
                EnterState(_connectionState, pageEvent.State);
                break;
            case "iceConnectionState":
                EnterState(_iceConnectionState, pageEvent.State);
                break;
            case "iceGatheringState":
                EnterState(_gatheringState, pageEvent.State);
                break;
            case "dtlsState":
                lock (_gate)
                {
                    _dtlsState = pageEvent.State;
                }

                break;
            case "track":
                lock (_gate)
                {
                    _receivedTracks.Add(pageEvent.Kind ?? "?");
                }

                break;
            case "dataChannel" when pageEvent.Channel is JsonElement channel:
                OnRemoteDataChannel(channel);
                break;
            case "channelState":
                OnChannelState(pageEvent.Label ?? "", pageEvent.State ?? "", pageEvent.Error);
                break;
            case "failure" when pageEvent.Failure is not null:
                lock (_gate)
                {
                    _failures.Add(pageEvent.Failure);
                }

                break;
            default:
                RecordHarnessFailure("harness", $"unknown page event {pageEvent.Type}");
                break;
        }
    }

    private void EnterState<TState>(StateTracker<TState> tracker, string? w3cName)
        where TState : struct, Enum
    {
        if (Enum.TryParse(w3cName, ignoreCase: true, out TState state))
        {
            tracker.Enter(state);
        }
        else
        {
            RecordHarnessFailure("harness", $"unknown {typeof(TState).Name} '{w3cName}'");
        }
    }

    private void MarkClosed()
    {
        _connectionState.Enter(PeerConnectionState.Closed);
        _iceConnectionState.Enter(IceConnectionState.Closed);
        _localCandidates.Writer.TryComplete();
    }
}
