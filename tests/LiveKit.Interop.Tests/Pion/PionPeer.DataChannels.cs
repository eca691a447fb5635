using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.DataChannels;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.Pion;

// Data channels of the pion peer (peer/datachannel.go has the protocol): channels by label, generated traffic
// (tests/LiveKit.Interop.Tests/DataChannels/README.md), reports of what arrived. pion 3.1.56 reads each message into
// a 65,535-byte buffer: a longer one closes the channel with "short buffer" (see MaxReceivableMessageSize).
public sealed partial class PionPeer
{
    /// <summary>The largest message pion 3.1.56 can receive on a data channel: its read buffer holds 65,535 bytes.</summary>
    public const int MaxReceivableMessageSize = 65535;

    private readonly object _channelLock = new();
    private readonly List<PeerChannelInfo> _remoteChannels = [];
    private readonly Dictionary<string, (string State, string? Error)> _channelStates = [];
    private readonly Dictionary<string, TaskCompletionSource<string>> _channelErrors = [];

    /// <summary>Raised (on the reader's thread) when the remote side opened a channel in-band (pion's OnDataChannel).</summary>
    public event EventHandler<PeerChannelInfo>? DataChannelReceived;

    /// <summary>The channels the remote side opened in-band, in the order pion reported them.</summary>
    public IReadOnlyList<PeerChannelInfo> RemoteChannels
    {
        get
        {
            lock (_channelLock)
            {
                return _remoteChannels.ToArray();
            }
        }
    }

    /// <summary>The last state and error pion reported for a channel, or null before any.</summary>
    public (string State, string? Error)? ChannelState(string label)
    {
        lock (_channelLock)
        {
            return _channelStates.TryGetValue(label, out (string, string?) state) ? state : null;
        }
    }

    /// <summary>
    /// Completes with the first error pion reports for the channel (its OnError, e.g. "short buffer"); pion reports it
    /// on a goroutine of its own, so it may come after the channel's close.
    /// </summary>
    public Task<string> WaitForChannelErrorAsync(string label, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        lock (_channelLock)
        {
            return ErrorSource(label).Task.WaitAsync(timeout, cancellationToken);
        }
    }

    /// <summary>
    /// pion's CreateDataChannel; <paramref name="receive"/> sets how its messages are checked before any can arrive.
    /// A channel made before the offer puts an <c>m=application</c> section in it.
    /// </summary>
    public async Task<PeerChannelInfo> CreateDataChannelAsync(
        string label, PeerChannelInit? init = null, ReceiveSpec? receive = null, CancellationToken cancellationToken = default)
    {
        var command = new JsonObject { ["type"] = "createDataChannel", ["label"] = label };
        init?.AddToPionCommand(command);
        if (receive is not null)
        {
            command["receive"] = receive.ToJson();
        }

        JsonElement reply = await SendAsync(command, DefaultCommandTimeout, cancellationToken);
        return PeerChannelInfo.FromJson(reply.GetProperty("channel"));
    }

    /// <summary>Sets how a channel's messages are checked; allowed before the channel exists (one the remote side will open).</summary>
    public Task ExpectMessagesAsync(string label, ReceiveSpec receive, CancellationToken cancellationToken = default) =>
        SendAsync(new JsonObject { ["type"] = "expectMessages", ["label"] = label, ["receive"] = receive.ToJson() },
            DefaultCommandTimeout, cancellationToken);

    /// <summary>Completes with the channel once it exists, and with <paramref name="open"/> once it is open.</summary>
    public async Task<PeerChannelInfo> WaitForChannelAsync(
        string label, bool open, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        PeerChannelInfo.FromJson((await SendAsync(
            new JsonObject { ["type"] = "awaitChannel", ["label"] = label, ["open"] = open }, timeout, cancellationToken))
            .GetProperty("channel"));

    /// <summary>
    /// Sends <paramref name="count"/> generated messages of <paramref name="shape"/> (and, alternating with them, those of
    /// <paramref name="with"/> on another channel), keeping the buffered amount bounded; completes when pion accepted all.
    /// </summary>
    public async Task<PeerSendResult> SendMessagesAsync(
        string label, MessageShape shape, int count, TimeSpan timeout,
        (string Label, MessageShape Shape, int Count)? with = null, long? highWater = null, CancellationToken cancellationToken = default)
    {
        var command = new JsonObject { ["type"] = "sendMessages", ["label"] = label, ["send"] = MessageSpecs.ToJson(shape, count, highWater) };
        if (with is { } other)
        {
            command["with"] = new JsonObject { ["label"] = other.Label, ["send"] = MessageSpecs.ToJson(other.Shape, other.Count) };
        }

        return PeerSendResult.FromJson(await SendAsync(command, timeout, cancellationToken));
    }

    /// <summary>Sends one binary message.</summary>
    public Task SendDataAsync(string label, byte[] data, CancellationToken cancellationToken = default) =>
        SendAsync(new JsonObject { ["type"] = "sendData", ["label"] = label, ["data"] = Convert.ToBase64String(data) },
            DefaultCommandTimeout, cancellationToken);

    /// <summary>Sends one text message.</summary>
    public Task SendTextAsync(string label, string text, CancellationToken cancellationToken = default) =>
        SendAsync(new JsonObject { ["type"] = "sendData", ["label"] = label, ["text"] = text }, DefaultCommandTimeout, cancellationToken);

    /// <summary>Completes with the channel's report once <paramref name="count"/> messages arrived; fails if it closes first.</summary>
    public async Task<PeerChannelReport> WaitForMessagesAsync(
        string label, long count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        PeerChannelReport.FromJson(await SendAsync(
            new JsonObject { ["type"] = "awaitMessages", ["label"] = label, ["count"] = count }, timeout, cancellationToken));

    /// <summary>The channel's report now.</summary>
    public async Task<PeerChannelReport> GetChannelReportAsync(string label, CancellationToken cancellationToken = default) =>
        PeerChannelReport.FromJson(await SendAsync(
            new JsonObject { ["type"] = "channelReport", ["label"] = label }, DefaultCommandTimeout, cancellationToken));

    /// <summary>The first messages the channel received (as many as its spec keeps; 100 without a spec).</summary>
    public async Task<IReadOnlyList<PeerMessage>> GetMessagesAsync(string label, CancellationToken cancellationToken = default)
    {
        JsonElement reply = await SendAsync(
            new JsonObject { ["type"] = "getMessages", ["label"] = label }, DefaultCommandTimeout, cancellationToken);
        return reply.GetProperty("messages").EnumerateArray()
            .Select(m => new PeerMessage(m.GetProperty("data").GetBytesFromBase64(), m.GetProperty("isText").GetBoolean()))
            .ToArray();
    }

    /// <summary>Closes the channel (an SCTP stream reset).</summary>
    public Task CloseDataChannelAsync(string label, CancellationToken cancellationToken = default) =>
        SendAsync(new JsonObject { ["type"] = "closeDataChannel", ["label"] = label }, DefaultCommandTimeout, cancellationToken);

    /// <summary>(size, FNV-1a) of the first <paramref name="count"/> messages of <paramref name="shape"/> as gen.go makes them.</summary>
    public async Task<IReadOnlyList<(int Size, uint Fnv)>> GenerateAsync(MessageShape shape, int count, CancellationToken cancellationToken = default)
    {
        JsonElement reply = await SendAsync(
            new JsonObject { ["type"] = "generate", ["send"] = MessageSpecs.ToJson(shape, count) }, DefaultCommandTimeout, cancellationToken);
        return reply.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("size").GetInt32(), m.GetProperty("fnv").GetUInt32()))
            .ToArray();
    }

    private void OnDataChannelEvent(string type, JsonElement message)
    {
        if (type == "dataChannel")
        {
            PeerChannelInfo channel = PeerChannelInfo.FromJson(message.GetProperty("channel"));
            lock (_channelLock)
            {
                _remoteChannels.Add(channel);
            }

            DataChannelReceived?.Invoke(this, channel);
            return;
        }

        string label = message.GetProperty("label").GetString() ?? "";
        string state = message.GetProperty("state").GetString() ?? "";
        string? error = message.TryGetProperty("error", out JsonElement e) ? e.GetString() : null;
        lock (_channelLock)
        {
            _channelStates[label] = (state, error);
            if (error is not null)
            {
                ErrorSource(label).TrySetResult(error);
            }
        }
    }

    private TaskCompletionSource<string> ErrorSource(string label)
    {
        if (!_channelErrors.TryGetValue(label, out TaskCompletionSource<string>? source))
        {
            source = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _channelErrors[label] = source;
        }

        return source;
    }
}
