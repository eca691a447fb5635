using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// A pion WebRTC peer in a process of its own (Pion/peer/*.go), driven over its stdin and stdout with one JSON
/// object per line. It gathers host candidates on 127.0.0.1 only, UDP over IPv4, without mDNS.
/// </summary>
/// <remarks>
/// <para>Commands carry an <c>id</c>; the reply echoes it. Replies: <c>configured</c> {sendSsrc?},
/// <c>offer</c>/<c>answer</c> {sdp}, <c>remoteSet</c>, <c>candidateAdded</c> {queued}, <c>stats</c> (see
/// <see cref="PionStats"/>), <c>payloads</c> {payloads: base64[]}, <c>packetsReceived</c> {packets},
/// <c>closed</c>, or <c>error</c> {command, message}.</para>
/// <para>Events without id: <c>ready</c> {pid}, <c>state</c> (see <see cref="PionState"/>), <c>candidate</c>
/// {candidate: {candidate, sdpMid, sdpMLineIndex}} (always after the offer or answer they belong to),
/// <c>endOfCandidates</c>, <c>track</c> (see <see cref="PionTrack"/>).</para>
/// <para>Data channels: the commands and events of PionPeer.DataChannels.cs (peer/datachannel.go has the protocol).</para>
/// <para>Disposal closes the program's stdin, which closes its PeerConnection and ends it; it is killed (only
/// it) if it does not exit.</para>
/// </remarks>
public sealed partial class PionPeer : IAsyncDisposable
{
    /// <summary>How long a command waits for its reply unless told otherwise.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(15);

    private readonly PionProcess _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<PionCandidate> _candidates = Channel.CreateUnbounded<PionCandidate>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<PionTrack> _track = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _stateLock = new();
    private readonly List<StateWaiter> _stateWaiters = new();
    private readonly Task _reader;
    private PionState _state = PionState.Initial;
    private Exception? _exited;
    private long _nextId;

    private PionPeer(PionProcess process)
    {
        _process = process;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The process id of the peer program.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines the peer wrote to stderr (pion's warnings and errors).</summary>
    public string StderrTail => _process.StderrTail;

    /// <summary>The latest state the peer reported.</summary>
    public PionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>The SSRC of the peer's audio track, once configured to send.</summary>
    public uint? SendSsrc { get; private set; }

    /// <summary>
    /// The peer's local candidates, each after the offer or answer it belongs to; the channel completes at the
    /// end of candidates (at once, empty, without trickle) and fails if the peer exits. One reader only.
    /// </summary>
    public ChannelReader<PionCandidate> Candidates => _candidates.Reader;

    /// <summary>The first remote track, once its first packet arrived.</summary>
    public Task<PionTrack> Track => _track.Task;

    /// <summary>Raised (on the reader's thread) for each state the peer reports.</summary>
    public event EventHandler<PionState>? StateChanged;

    /// <summary>
    /// Builds the program if needed (<see cref="PionPeerBuild"/>), starts it and waits until it is ready.
    /// <paramref name="log"/> receives the program's stderr lines (e.g. ITestOutputHelper.WriteLine); set
    /// PION_PEER_LOG=info|debug|trace in the environment for more of pion's log than warnings.
    /// </summary>
    public static async Task<PionPeer> StartAsync(Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        string executable = await PionPeerBuild.GetExecutableAsync(cancellationToken);
        var peer = new PionPeer(PionProcess.Start(executable, [], log));
        try
        {
            await peer._ready.Task.WaitAsync(DefaultCommandTimeout, cancellationToken);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the peer's PeerConnection; the first command, at most once (other commands configure defaults).</summary>
    public async Task ConfigureAsync(PionPeerOptions options, CancellationToken cancellationToken = default)
    {
        JsonElement reply = await SendAsync(options.ToCommand(), DefaultCommandTimeout, cancellationToken);
        SendSsrc = reply.TryGetProperty("sendSsrc", out JsonElement ssrc) ? ssrc.GetUInt32() : null;
    }

    /// <summary>Creates an offer, applies it locally and returns its SDP; candidates follow on <see cref="Candidates"/>.</summary>
    public async Task<string> CreateOfferAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(new JsonObject { ["type"] = "createOffer" }, DefaultCommandTimeout, cancellationToken))
            .GetProperty("sdp").GetString() ?? "";

    /// <summary>Creates the answer to the remote offer, applies it locally and returns its SDP.</summary>
    public async Task<string> CreateAnswerAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(new JsonObject { ["type"] = "createAnswer" }, DefaultCommandTimeout, cancellationToken))
            .GetProperty("sdp").GetString() ?? "";

    /// <summary>Applies the remote offer or answer; candidates added before it are applied now.</summary>
    public Task SetRemoteAsync(PionSdpType type, string sdp, CancellationToken cancellationToken = default) =>
        SendAsync(new JsonObject
        {
            ["type"] = "setRemote",
            ["sdpType"] = type == PionSdpType.Offer ? "offer" : "answer",
            ["sdp"] = sdp,
        }, DefaultCommandTimeout, cancellationToken);

    /// <summary>
    /// Adds a remote candidate; before the remote description the peer keeps it until then. A candidate whose
    /// <see cref="PionCandidate.Candidate"/> is empty ends the remote candidates.
    /// </summary>
    public Task AddCandidateAsync(PionCandidate candidate, CancellationToken cancellationToken = default) =>
        SendAsync(new JsonObject { ["type"] = "addCandidate", ["candidate"] = candidate.ToJson() },
            DefaultCommandTimeout, cancellationToken);

    /// <summary>What the peer counted so far.</summary>
    public async Task<PionStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        PionStats.FromJson(await SendAsync(new JsonObject { ["type"] = "getStats" }, DefaultCommandTimeout, cancellationToken));

    /// <summary>The first received RTP payloads, as many as <see cref="PionPeerOptions.KeepPayloads"/>, in order.</summary>
    public async Task<IReadOnlyList<byte[]>> GetPayloadsAsync(CancellationToken cancellationToken = default)
    {
        JsonElement reply = await SendAsync(new JsonObject { ["type"] = "getPayloads" }, DefaultCommandTimeout, cancellationToken);
        return reply.GetProperty("payloads").EnumerateArray().Select(p => p.GetBytesFromBase64()).ToArray();
    }

    /// <summary>
    /// Completes when the peer has received at least <paramref name="count"/> RTP packets (the peer answers when
    /// the packet arrives; nothing polls), returning the count it had then.
    /// </summary>
    public async Task<long> WaitForPacketsAsync(long count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (await SendAsync(new JsonObject { ["type"] = "awaitPackets", ["count"] = count }, timeout, cancellationToken))
            .GetProperty("packets").GetInt64();

    /// <summary>
    /// Completes when the peer reports <paramref name="connection"/>; fails at once with the peer's reason if it
    /// reports <see cref="PionConnectionState.Failed"/> instead, or if it exits.
    /// </summary>
    public Task<PionState> WaitForStateAsync(
        PionConnectionState connection, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForStateAsync(s => s.Connection == connection, $"connection state {connection}", timeout,
            failOnFailure: connection != PionConnectionState.Failed, cancellationToken);

    /// <summary>
    /// Completes with the first reported state (the current one included) that satisfies
    /// <paramref name="predicate"/>; with <paramref name="failOnFailure"/> a failed connection ends the wait with
    /// a <see cref="PionPeerException"/>.
    /// </summary>
    public async Task<PionState> WaitForStateAsync(
        Func<PionState, bool> predicate, string description, TimeSpan timeout, bool failOnFailure,
        CancellationToken cancellationToken = default)
    {
        var waiter = new StateWaiter(predicate, failOnFailure);
        lock (_stateLock)
        {
            if (!waiter.Offer(_state))
            {
                if (_exited is not null)
                {
                    throw new PionPeerException($"waiting for {description}: {_exited.Message}", _exited);
                }
                _stateWaiters.Add(waiter);
            }
        }
        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"pion peer (pid {ProcessId}) did not reach {description} within {timeout.TotalSeconds:0.#} s; " +
                $"last state: {State}; stderr:\n{StderrTail}", e);
        }
        finally
        {
            lock (_stateLock)
            {
                _stateWaiters.Remove(waiter);
            }
        }
    }

    /// <summary>Closes the PeerConnection; the program then exits.</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new JsonObject { ["type"] = "close" }, DefaultCommandTimeout, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync();
        await _reader; // ends with the program's stdout, before the process handle goes
        await _process.DisposeAsync();
    }

    /// <summary>Sends a command with a fresh id and returns its reply; an <c>error</c> reply throws.</summary>
    private async Task<JsonElement> SendAsync(JsonObject command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long id = Interlocked.Increment(ref _nextId);
        command["id"] = id;
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        string type = command["type"]?.GetValue<string>() ?? "?";
        try
        {
            if (Volatile.Read(ref _exited) is { } exited)
            {
                throw new PionPeerException($"{type}: {exited.Message}", exited);
            }
            await _process.WriteLineAsync(command.ToJsonString(), cancellationToken);
            return await reply.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"pion peer (pid {ProcessId}) did not answer '{type}' within {timeout.TotalSeconds:0.#} s; " +
                $"state: {State}; stderr:\n{StderrTail}", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (await _process.ReadLineAsync(CancellationToken.None) is { } line)
            {
                if (line.Length > 0)
                {
                    Dispatch(line);
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or System.IO.IOException or JsonException)
        {
            failure = e;
        }
        string ending = failure is null ? await _process.DescribeExitAsync() : $"pion peer output ended: {failure.Message}";
        Fail(new PionPeerException(ending));
    }

    private void Dispatch(string line)
    {
        JsonElement message;
        using (JsonDocument document = JsonDocument.Parse(line))
        {
            message = document.RootElement.Clone();
        }
        string type = message.GetProperty("type").GetString() ?? "";
        if (message.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.Number)
        {
            if (_pending.TryGetValue(idElement.GetInt64(), out TaskCompletionSource<JsonElement>? reply))
            {
                if (type == "error")
                {
                    reply.TrySetException(new PionPeerException(
                        $"pion peer refused '{Text(message, "command")}': {Text(message, "message")}"));
                }
                else
                {
                    reply.TrySetResult(message);
                }
            }
            return;
        }
        switch (type)
        {
            case "ready":
                _ready.TrySetResult(message.GetProperty("pid").GetInt32());
                break;
            case "candidate":
                _candidates.Writer.TryWrite(PionCandidate.FromJson(message.GetProperty("candidate")));
                break;
            case "endOfCandidates":
                _candidates.Writer.TryComplete();
                break;
            case "state":
                OnState(PionState.FromJson(message));
                break;
            case "track":
                _track.TrySetResult(PionTrack.FromJson(message));
                break;
            case "dataChannel":
            case "channelState":
                OnDataChannelEvent(type, message);
                break;
        }
    }

    private void OnState(PionState state)
    {
        lock (_stateLock)
        {
            _state = state;
            foreach (StateWaiter waiter in _stateWaiters)
            {
                waiter.Offer(state);
            }
        }
        StateChanged?.Invoke(this, state);
    }

    private void Fail(PionPeerException exited)
    {
        Volatile.Write(ref _exited, exited);
        _ready.TrySetException(exited);
        _track.TrySetException(exited);
        _candidates.Writer.TryComplete(exited);
        foreach (TaskCompletionSource<JsonElement> reply in _pending.Values)
        {
            reply.TrySetException(exited);
        }
        lock (_stateLock)
        {
            foreach (StateWaiter waiter in _stateWaiters)
            {
                waiter.Completion.TrySetException(exited);
            }
        }
    }

    private static string Text(JsonElement message, string property) =>
        message.TryGetProperty(property, out JsonElement value) ? value.GetString() ?? "" : "";

    /// <summary>One caller of <see cref="WaitForStateAsync(Func{PionState, bool}, string, TimeSpan, bool, CancellationToken)"/>.</summary>
    private sealed class StateWaiter(Func<PionState, bool> predicate, bool failOnFailure)
    {
        public TaskCompletionSource<PionState> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes the waiter if the state ends the wait; returns whether it did.</summary>
        public bool Offer(PionState state)
        {
            if (predicate(state))
            {
                Completion.TrySetResult(state);
                return true;
            }
            if (failOnFailure && state.Connection == PionConnectionState.Failed)
            {
                Completion.TrySetException(new PionPeerException($"pion peer connection failed: {state.Reason}"));
                return true;
            }
            return false;
        }
    }
}
