using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using Microsoft.Playwright;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>
/// One participant of the official JavaScript client, livekit-client 2.23.0, in its own Chromium page
/// (LiveKitClient/web/lk-page.js over the package's UMD bundle), driven from C#: connect, publish the fake microphone
/// and camera, mute, send data, update metadata, name and attributes, read the room's state and the receivers' stats,
/// and await the client's RoomEvents. Open one per participant with <see cref="OpenAsync"/>; any number share a
/// <see cref="ChromiumBrowser"/>.
/// </summary>
/// <remarks>
/// Each page has its own HTTP server on 127.0.0.1 (so its own origin: participants share no storage). The page pushes
/// every RoomEvent through a Playwright binding as it happens; <see cref="WaitForEventAsync"/> awaits them without
/// polling. Every call and wait is bounded by the browser's <see cref="ChromiumBrowser.OperationTimeout"/> unless told
/// otherwise, as well as by its cancellation token.
/// </remarks>
public sealed class LiveKitClientPage : IAsyncDisposable
{
    /// <summary>The file name of livekit-client's UMD bundle, in its package's <c>dist/</c> and beside the page.</summary>
    public const string BundleFileName = "livekit-client.umd.js";

    /// <summary>The name of the function lk-page.js calls with each event.</summary>
    internal const string EventBinding = "lkClientEvent";

    private const int ConsoleCapacity = 500;
    private const int ConsoleLineLength = 600;
    private static readonly TimeSpan StatsPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly IPage _page;
    private readonly PeerPageServer _server;
    private readonly TimeSpan _timeout;
    private readonly ClientEventLog _log;
    private readonly object _gate = new();
    private readonly Queue<string> _console = new();
    private int _disposed;

    private LiveKitClientPage(IPage page, PeerPageServer server, string name, TimeSpan timeout)
    {
        _page = page;
        _server = server;
        Name = name;
        _timeout = timeout;
        _log = new ClientEventLog(name);
    }

    /// <summary>The folder served: LiveKitClient/web beside the test assembly (the bundle copied into it at build time).</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "LiveKitClient", "web");

    /// <summary>The name given at creation, used in messages (<c>alice</c>, <c>bob</c>...).</summary>
    public string Name { get; }

    /// <summary>Where the page was loaded from: <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri Address => _server.BaseAddress;

    /// <summary>The Playwright page, for what this class does not cover (screenshots, evaluate...).</summary>
    public IPage Page => _page;

    /// <summary>Every event the page has logged so far, in the page's order.</summary>
    public IReadOnlyList<ClientEvent> Events => _log.Events;

    /// <summary>The <see cref="ClientEvent.Seq"/> of the latest event logged here, 0 before the first: a mark to wait after.</summary>
    public long LastEventSeq => _log.LastSeq;

    /// <summary>The page's latest console messages (<c>type: text</c>), its uncaught errors among them, oldest first.</summary>
    public IReadOnlyList<string> ConsoleMessages
    {
        get
        {
            lock (_gate)
            {
                return _console.ToArray();
            }
        }
    }

    /// <summary>
    /// Opens a page in <paramref name="browser"/>, serves LiveKitClient/web to it from a new server on 127.0.0.1 and
    /// waits until livekit-client has loaded. Throws <see cref="InvalidOperationException"/> when the bundle was not
    /// built into the output (npm ci has not run: scripts/install-deps.sh runs it).
    /// </summary>
    public static async Task<LiveKitClientPage> OpenAsync(ChromiumBrowser browser, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentException.ThrowIfNullOrEmpty(name);
        string bundle = Path.Combine(WebRoot, BundleFileName);
        if (!File.Exists(bundle))
        {
            throw new InvalidOperationException(
                $"{bundle} is missing: the test project copies it from LiveKitClient/node_modules/livekit-client/dist/ when it builds. " +
                "Run scripts/install-deps.sh (it runs npm ci there), then build again.");
        }

        PeerPageServer server = PeerPageServer.Start(WebRoot);
        IPage page;
        try
        {
            page = await browser.Context.NewPageAsync().WaitAsync(browser.OperationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var client = new LiveKitClientPage(page, server, name, browser.OperationTimeout);
        try
        {
            page.Console += (_, message) => client.RecordConsole($"{message.Type}: {message.Text}");
            page.PageError += (_, error) => client.RecordConsole($"pageerror: {error}");
            page.Crash += (_, _) => client._log.End("the page crashed");
            page.Close += (_, _) => client._log.End("the page closed");
            await page.ExposeFunctionAsync<string>(EventBinding, client.OnBinding)
                .WaitAsync(browser.OperationTimeout, cancellationToken).ConfigureAwait(false);
            await page.GotoAsync(server.BaseAddress.ToString(), new PageGotoOptions { Timeout = (float)browser.OperationTimeout.TotalMilliseconds })
                .WaitAsync(browser.OperationTimeout, cancellationToken).ConfigureAwait(false);

            // Both scripts run before the load event that GotoAsync awaits; if either failed, say why.
            string loaded = await page.EvaluateAsync<string>("() => typeof window.lkClient").ConfigureAwait(false);
            if (loaded != "object")
            {
                throw new LiveKitClientException(name, "load", new ClientError { Name = "HarnessError", Message = "lk-page.js did not define window.lkClient" },
                    client.ConsoleMessages);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary><c>LivekitClient.version</c> of the bundle the page loaded.</summary>
    public async Task<string> GetClientVersionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _page.EvaluateAsync<string>("() => LivekitClient.version").WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (PlaywrightException e)
        {
            throw HarnessFailure("version", e.Message, e);
        }
    }

    /// <summary>livekit-client's log level: <c>trace</c>, <c>debug</c>, <c>info</c>, <c>warn</c> (the page's start), <c>error</c>, <c>silent</c>.</summary>
    public Task SetLogLevelAsync(string level, CancellationToken cancellationToken = default) =>
        InvokeAsync("setLogLevel", [level], cancellationToken);

    /// <summary>
    /// A new Room with <paramref name="options"/> (defaults: <see cref="ClientConnectOptions"/>), then
    /// <c>room.connect(url, token)</c>; returns the state once connected. <paramref name="url"/> is the server's
    /// address as livekit-client takes it (<c>ws://127.0.0.1:port</c>; the client appends <c>/rtc</c> or <c>/rtc/v1</c>).
    /// Throws <see cref="LiveKitClientException"/> with livekit-client's <c>ConnectionError</c> when the connection fails.
    /// </summary>
    public async Task<ClientState> ConnectAsync(string url, string token, ClientConnectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(token);
        JsonElement state = await InvokeAsync("connect", [url, token, (options ?? new ClientConnectOptions()).ToPageOptions()], cancellationToken)
            .ConfigureAwait(false);
        return Read<ClientState>("connect", state);
    }

    /// <summary><c>room.disconnect()</c>; does nothing before the first connect.</summary>
    public Task DisconnectAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync("disconnect", [], cancellationToken);

    /// <summary>Publishes the fake microphone (<c>setMicrophoneEnabled(true)</c>); returns its publication.</summary>
    public async Task<ClientTrackPublication> PublishMicrophoneAsync(ClientMicrophoneOptions? options = null, CancellationToken cancellationToken = default) =>
        Read<ClientTrackPublication>("publishMicrophone",
            await InvokeAsync("publishMicrophone", [(options ?? new ClientMicrophoneOptions()).ToPageOptions()], cancellationToken).ConfigureAwait(false));

    /// <summary>Publishes the fake camera (<c>setCameraEnabled(true)</c>), 640x360 at 15 fps unless told; returns its publication.</summary>
    public async Task<ClientTrackPublication> PublishCameraAsync(ClientCameraOptions? options = null, CancellationToken cancellationToken = default) =>
        Read<ClientTrackPublication>("publishCamera",
            await InvokeAsync("publishCamera", [(options ?? new ClientCameraOptions()).ToPageOptions()], cancellationToken).ConfigureAwait(false));

    /// <summary>Unpublishes and stops the track published from <paramref name="source"/> (<c>microphone</c>, <c>camera</c>...).</summary>
    public Task UnpublishAsync(string source, CancellationToken cancellationToken = default) =>
        InvokeAsync("unpublish", [source], cancellationToken);

    /// <summary>Mutes or unmutes the microphone's publication; returns it.</summary>
    public async Task<ClientTrackPublication> SetMicrophoneMutedAsync(bool muted, CancellationToken cancellationToken = default) =>
        Read<ClientTrackPublication>("setMicrophoneMuted", await InvokeAsync("setMicrophoneMuted", [muted], cancellationToken).ConfigureAwait(false));

    /// <summary>Mutes or unmutes the camera's publication; returns it.</summary>
    public async Task<ClientTrackPublication> SetCameraMutedAsync(bool muted, CancellationToken cancellationToken = default) =>
        Read<ClientTrackPublication>("setCameraMuted", await InvokeAsync("setCameraMuted", [muted], cancellationToken).ConfigureAwait(false));

    /// <summary><c>localParticipant.publishData</c> of <paramref name="text"/>'s UTF-8 bytes; reliable unless told.</summary>
    public Task PublishDataAsync(string text, ClientDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return InvokeAsync("publishData", [text, (options ?? new ClientDataOptions()).ToPageOptions()], cancellationToken);
    }

    /// <summary><c>localParticipant.setMetadata</c>: resolves once the server has echoed the update (5 s in the client).</summary>
    public Task SetMetadataAsync(string metadata, CancellationToken cancellationToken = default) =>
        InvokeAsync("setMetadata", [metadata], cancellationToken);

    /// <summary><c>localParticipant.setName</c>, as <see cref="SetMetadataAsync"/>.</summary>
    public Task SetNameAsync(string name, CancellationToken cancellationToken = default) =>
        InvokeAsync("setName", [name], cancellationToken);

    /// <summary><c>localParticipant.setAttributes</c> (only the keys given change), as <see cref="SetMetadataAsync"/>.</summary>
    public Task SetAttributesAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return InvokeAsync("setAttributes", [attributes], cancellationToken);
    }

    /// <summary>
    /// <c>room.simulateScenario(scenario)</c>, livekit-client's test hook: <c>speaker</c> (the server counts this
    /// participant as speaking for 3 s), <c>node-failure</c>, <c>server-leave</c>, <c>migration</c>,
    /// <c>signal-reconnect</c>... Most send the signal <c>simulate</c> request; resolves once sent.
    /// </summary>
    public Task SimulateScenarioAsync(string scenario, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scenario);
        return InvokeAsync("simulateScenario", [scenario, null], cancellationToken);
    }

    /// <summary>The room, the local participant and the remote participants with their publications, now.</summary>
    public async Task<ClientState> GetStateAsync(CancellationToken cancellationToken = default) =>
        Read<ClientState>("getState", await InvokeAsync("getState", [], cancellationToken).ConfigureAwait(false));

    /// <summary>The inbound-rtp stats of every subscribed track's receiver, now.</summary>
    public async Task<IReadOnlyList<ClientInboundStats>> GetInboundStatsAsync(CancellationToken cancellationToken = default) =>
        Read<List<ClientInboundStats>>("getInboundStats", await InvokeAsync("getInboundStats", [], cancellationToken).ConfigureAwait(false));

    /// <summary>The outbound-rtp stats of every local track's sender (one per simulcast layer), now.</summary>
    public async Task<IReadOnlyList<ClientOutboundStats>> GetOutboundStatsAsync(CancellationToken cancellationToken = default) =>
        Read<List<ClientOutboundStats>>("getOutboundStats", await InvokeAsync("getOutboundStats", [], cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads the inbound stats every 100 ms until <paramref name="condition"/> holds (stats have no event to await) and
    /// returns them; throws <see cref="TimeoutException"/> with the last stats after <paramref name="timeout"/>
    /// (default: the operation timeout).
    /// </summary>
    public async Task<IReadOnlyList<ClientInboundStats>> WaitForInboundStatsAsync(
        Func<IReadOnlyList<ClientInboundStats>, bool> condition, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        TimeSpan limit = timeout ?? _timeout;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<ClientInboundStats> stats = await GetInboundStatsAsync(cancellationToken).ConfigureAwait(false);
            if (condition(stats))
            {
                return stats;
            }

            if (elapsed.Elapsed >= limit)
            {
                throw new TimeoutException(
                    $"{Name}: the inbound stats condition did not hold within {limit.TotalSeconds:0.#} s; last stats: " +
                    (stats.Count == 0 ? "none" : string.Join("; ", stats)));
            }

            await Task.Delay(StatsPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The first event named <paramref name="name"/> (a RoomEvent as livekit-client spells it: <c>connected</c>,
    /// <c>participantConnected</c>, <c>trackSubscribed</c>...) for which <paramref name="predicate"/> holds, logged
    /// at any time since the page opened or later. Throws <see cref="TimeoutException"/> with the events logged after
    /// <paramref name="timeout"/> (default: the operation timeout), <see cref="InvalidOperationException"/> once the
    /// page has closed or crashed. The predicate runs on the thread that logs the event: keep it to reading the event.
    /// </summary>
    public Task<ClientEvent> WaitForEventAsync(
        string name, Func<ClientEvent, bool>? predicate = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _log.WaitAsync(name, predicate, 0, timeout ?? _timeout, cancellationToken);

    /// <summary>As <see cref="WaitForEventAsync"/>, for events logged after <paramref name="afterSeq"/> only
    /// (take <see cref="LastEventSeq"/> before the action whose event you await).</summary>
    public Task<ClientEvent> WaitForEventAfterAsync(
        long afterSeq, string name, Func<ClientEvent, bool>? predicate = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _log.WaitAsync(name, predicate, afterSeq, timeout ?? _timeout, cancellationToken);

    /// <summary>The page's own copy of its event log (what the page recorded, whether or not it has reached C# yet).</summary>
    public async Task<IReadOnlyList<ClientEvent>> GetPageEventsAsync(CancellationToken cancellationToken = default)
    {
        JsonElement events = await InvokeAsync("getEvents", [], cancellationToken).ConfigureAwait(false);
        var parsed = new List<ClientEvent>();
        foreach (JsonElement e in events.EnumerateArray())
        {
            parsed.Add(ClientEvent.Parse(e.GetRawText()));
        }

        return parsed;
    }

    /// <summary>Records an event that no Room emitted, through the page's own log and binding (to test the harness); returns its seq.</summary>
    public async Task<long> EmitTestEventAsync(string name, object? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        JsonElement seq = await InvokeAsync("emitTestEvent", [name, args], cancellationToken).ConfigureAwait(false);
        return seq.GetInt64();
    }

    /// <summary>Disconnects the room (if the page still answers), closes the page and stops its server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_page.IsClosed)
        {
            try
            {
                await InvokeAsync("disconnect", [], CancellationToken.None).ConfigureAwait(false);
            }
            catch (LiveKitClientException)
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

        _log.End("the page was disposed");
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Address}): {LastEventSeq} events";

    /// <summary>
    /// Calls <c>lkClient.invoke(function, args)</c> in the page: the arguments go as JSON (camelCase), the answer comes
    /// back as <c>{"ok":true,"value":...}</c> or <c>{"ok":false,"error":...}</c>, which becomes a
    /// <see cref="LiveKitClientException"/> with livekit-client's error.
    /// </summary>
    private async Task<JsonElement> InvokeAsync(string function, object?[] args, CancellationToken cancellationToken)
    {
        string argumentsJson = JsonSerializer.Serialize(args, ClientJson.Options);
        string reply;
        try
        {
            reply = await _page.EvaluateAsync<string>("([f, a]) => lkClient.invoke(f, JSON.parse(a))", new object[] { function, argumentsJson })
                .WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (PlaywrightException e)
        {
            throw HarnessFailure(function, e.Message, e);
        }
        catch (TimeoutException e)
        {
            throw HarnessFailure(function, $"the page did not answer within {_timeout.TotalSeconds:0.#} s", e);
        }

        using JsonDocument document = JsonDocument.Parse(reply);
        JsonElement root = document.RootElement;
        if (root.GetProperty("ok").GetBoolean())
        {
            return root.GetProperty("value").Clone();
        }

        ClientError error = root.GetProperty("error").Deserialize<ClientError>(ClientJson.Options)
            ?? new ClientError { Name = "HarnessError", Message = "the page rejected without an error" };
        throw new LiveKitClientException(Name, function, error, ConsoleMessages);
    }

    private T Read<T>(string function, JsonElement value) =>
        value.Deserialize<T>(ClientJson.Options)
        ?? throw HarnessFailure(function, $"the page returned {value.GetRawText()}, not a {typeof(T).Name}", null);

    private LiveKitClientException HarnessFailure(string function, string message, Exception? inner)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        string firstLine = end < 0 ? message : message[..end];
        return new LiveKitClientException(Name, function, new ClientError { Name = "HarnessError", Message = firstLine }, ConsoleMessages, inner);
    }

    private void RecordConsole(string line)
    {
        // A failed join logs its whole URL, join request included: keep the start, which says what failed.
        if (line.Length > ConsoleLineLength)
        {
            line = line[..ConsoleLineLength] + $"... ({line.Length} chars)";
        }

        lock (_gate)
        {
            if (_console.Count == ConsoleCapacity)
            {
                _console.Dequeue();
            }

            _console.Enqueue(line);
        }
    }

    /// <summary>The binding lk-page.js calls; runs on Playwright's dispatch, so it only parses and hands over.</summary>
    private void OnBinding(string json)
    {
        ClientEvent clientEvent;
        try
        {
            clientEvent = ClientEvent.Parse(json);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            RecordConsole($"harness: unreadable page event {json}: {e.Message}");
            return;
        }

        _log.Accept(clientEvent);
    }
}
