using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.DataChannels;
using LiveKit.WebRtc.Tests.Relay;
using Microsoft.Playwright;

namespace LiveKit.Interop.Tests.Chromium;

// The page's RTCDataChannels (peer.js, "Data channels"): channels by label, generated traffic paced on
// bufferedAmountLowThreshold (tests/LiveKit.Interop.Tests/DataChannels/README.md), reports of what arrived.
public sealed partial class ChromiumPeer
{
    private readonly List<PeerChannelInfo> _remoteChannels = [];
    private readonly Dictionary<string, (string State, string? Error)> _channelStates = [];

    /// <summary>Raised when the other side opened a channel in-band (the page's ondatachannel).</summary>
    public event EventHandler<PeerChannelInfo>? DataChannelReceived;

    /// <summary>The channels the other side opened in-band, in the order the page reported them.</summary>
    public IReadOnlyList<PeerChannelInfo> RemoteChannels
    {
        get
        {
            lock (_gate)
            {
                return _remoteChannels.ToArray();
            }
        }
    }

    /// <summary>The last readyState (and error) the page reported for a channel, or null before any.</summary>
    public (string State, string? Error)? ChannelState(string label)
    {
        lock (_gate)
        {
            return _channelStates.TryGetValue(label, out (string, string?) state) ? state : null;
        }
    }

    /// <summary>createDataChannel; <paramref name="receive"/> sets how its messages are checked before any can arrive.</summary>
    public async Task<PeerChannelInfo> CreateDataChannelAsync(
        string label, PeerChannelInit? init = null, ReceiveSpec? receive = null, CancellationToken cancellationToken = default) =>
        PeerChannelInfo.FromJson(await CallPageAsync(
            "createDataChannel", [label, (init ?? new PeerChannelInit()).ToPageJson(), receive?.ToJson()], _timeout, cancellationToken));

    /// <summary>Sets how a channel's messages are checked; allowed before the channel exists.</summary>
    public Task ExpectMessagesAsync(string label, ReceiveSpec receive, CancellationToken cancellationToken = default) =>
        CallPageAsync("expectMessages", [label, receive.ToJson()], _timeout, cancellationToken);

    /// <summary>Completes with the channel once it exists, and with <paramref name="open"/> once it is open.</summary>
    public async Task<PeerChannelInfo> WaitForChannelAsync(string label, bool open, CancellationToken cancellationToken = default) =>
        PeerChannelInfo.FromJson(await CallPageAsync("awaitChannel", [label, open], _timeout, cancellationToken));

    /// <summary>
    /// Sends <paramref name="count"/> generated messages of <paramref name="shape"/> (alternating with <paramref name="with"/>'s
    /// on another channel), paced on bufferedAmountLowThreshold under <paramref name="highWater"/> (null: 4 MiB); completes
    /// when the page handed all to send().
    /// </summary>
    public async Task<PeerSendResult> SendMessagesAsync(
        string label, MessageShape shape, int count, TimeSpan timeout,
        (string Label, MessageShape Shape, int Count)? with = null, long? highWater = null, CancellationToken cancellationToken = default)
    {
        JsonNode? other = with is { } w
            ? new JsonObject { ["label"] = w.Label, ["send"] = MessageSpecs.ToJson(w.Shape, w.Count) }
            : null;
        return PeerSendResult.FromJson(await CallPageAsync(
            "sendMessages", [label, MessageSpecs.ToJson(shape, count, highWater), other], timeout, cancellationToken));
    }

    /// <summary>Sends one binary message.</summary>
    public Task SendDataAsync(string label, byte[] data, CancellationToken cancellationToken = default) =>
        CallPageAsync("sendData", [label, Convert.ToBase64String(data), null], _timeout, cancellationToken);

    /// <summary>Sends one text message.</summary>
    public Task SendTextAsync(string label, string text, CancellationToken cancellationToken = default) =>
        CallPageAsync("sendData", [label, null, text], _timeout, cancellationToken);

    /// <summary>Completes with the channel's report once <paramref name="count"/> messages arrived; fails if it closes first.</summary>
    public async Task<PeerChannelReport> WaitForMessagesAsync(
        string label, long count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        PeerChannelReport.FromJson(await CallPageAsync("awaitMessages", [label, count], timeout, cancellationToken));

    /// <summary>The channel's report now.</summary>
    public async Task<PeerChannelReport> GetChannelReportAsync(string label, CancellationToken cancellationToken = default) =>
        PeerChannelReport.FromJson(await CallPageAsync("channelReport", [label], _timeout, cancellationToken));

    /// <summary>The first messages the channel received (as many as its spec keeps; 100 without one).</summary>
    public async Task<IReadOnlyList<PeerMessage>> GetMessagesAsync(string label, CancellationToken cancellationToken = default) =>
        (await CallPageAsync("getMessages", [label], _timeout, cancellationToken)).EnumerateArray()
            .Select(m => new PeerMessage(m.GetProperty("data").GetBytesFromBase64(), m.GetProperty("isText").GetBoolean()))
            .ToArray();

    /// <summary>RTCDataChannel.close().</summary>
    public Task CloseDataChannelAsync(string label, CancellationToken cancellationToken = default) =>
        CallPageAsync("closeDataChannel", [label], _timeout, cancellationToken);

    /// <summary>(size, FNV-1a) of the first <paramref name="count"/> messages of <paramref name="shape"/> as peer.js makes them.</summary>
    public async Task<IReadOnlyList<(int Size, uint Fnv)>> GenerateAsync(MessageShape shape, int count, CancellationToken cancellationToken = default) =>
        (await CallPageAsync("generate", [MessageSpecs.ToJson(shape, count)], _timeout, cancellationToken)).EnumerateArray()
            .Select(m => (m.GetProperty("size").GetInt32(), m.GetProperty("fnv").GetUInt32()))
            .ToArray();

    /// <summary>
    /// Calls <c>lkPeer.&lt;method&gt;(...args)</c> with the arguments as JSON and returns its (awaited) result as JSON
    /// (undefined as null), bounded by <paramref name="timeout"/>.
    /// </summary>
    private async Task<JsonElement> CallPageAsync(string method, JsonNode?[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string json = new JsonArray(arguments.Select(a => a?.DeepClone()).ToArray()).ToJsonString();
        string expression = $"async a => {{ const r = await lkPeer.{method}(...JSON.parse(a)); return JSON.stringify(r === undefined ? null : r); }}";
        JsonElement? result;
        try
        {
            result = await _page.EvaluateAsync(expression, json).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (PlaywrightException e)
        {
            throw await FailureAsync($"{method} failed: {FirstLine(e.Message)}", e).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new ChromiumPeerException($"{Name}: {method} did not finish within {timeout.TotalSeconds:0.#} s", Failures, e);
        }

        using JsonDocument document = JsonDocument.Parse(result?.GetString() ?? "null");
        return document.RootElement.Clone();
    }

    private void OnRemoteDataChannel(JsonElement json)
    {
        PeerChannelInfo channel = PeerChannelInfo.FromJson(json);
        lock (_gate)
        {
            _remoteChannels.Add(channel);
        }

        DataChannelReceived?.Invoke(this, channel);
    }

    private void OnChannelState(string label, string state, string? error)
    {
        lock (_gate)
        {
            _channelStates[label] = (state, error);
        }
    }
}
