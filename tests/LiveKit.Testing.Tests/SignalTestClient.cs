using System;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Sdp;
using SessionDescription = LiveKit.Proto.SessionDescription;

namespace LiveKit.Testing.Tests;

/// <summary>
/// A bare LiveKit signal client for the server's tests: a WebSocket speaking binary SignalRequest/SignalResponse,
/// every response kept in order, and on request the two PeerConnections of dual-PC mode (the subscriber answers the
/// server's offers; the publisher offers the client's _reliable/_lossy channels). Deliberately not LiveKit.Rtc.
/// </summary>
internal sealed class SignalTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private readonly List<SignalResponse> _received = new();
    private readonly HashSet<int> _taken = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PeerConnection? _subscriber;
    private PeerConnection? _publisher;
    private uint _publisherOfferId;

    private SignalTestClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>How the WebSocket ended: the close status the server sent, once it closed.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PeerConnection Subscriber => _subscriber ?? throw new InvalidOperationException("StartMediaAsync first");

    public PeerConnection Publisher => _publisher ?? throw new InvalidOperationException("StartMediaAsync first");

    public DataChannel? PublisherReliable { get; private set; }

    public DataChannel? PublisherLossy { get; private set; }

    /// <summary>Channels the server opened on the subscriber PC, by label.</summary>
    public Dictionary<string, DataChannel> ServerChannels { get; } = new();

    public TaskCompletionSource<DataChannel> ServerReliable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<DataChannel> ServerLossy { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Uri SignalUri(LiveKitTestServer server, string token, string extraQuery = "") =>
        new(server.Url, $"rtc?access_token={token}&protocol=17&sdk=dotnet-tests&version=0.1&auto_subscribe=1{extraQuery}");

    public static async Task<SignalTestClient> ConnectAsync(LiveKitTestServer server, string token, string extraQuery = "")
    {
        var socket = new ClientWebSocket();
        using var bound = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(SignalUri(server, token, extraQuery), bound.Token);
        return new SignalTestClient(socket);
    }

    public static Task<SignalTestClient> JoinAsync(LiveKitTestServer server, string identity, string room) =>
        ConnectAsync(server, server.CreateToken(identity, room));

    public Task SendAsync(SignalRequest request) => SendRawAsync(request.ToByteArray(), WebSocketMessageType.Binary);

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var bound = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(bytes, type, true, bound.Token);
    }

    /// <summary>The first response matching <paramref name="predicate"/> not returned before, waiting for it if need be.</summary>
    public async Task<SignalResponse> WaitForAsync(Func<SignalResponse, bool> predicate, string what)
    {
        using var bound = new CancellationTokenSource(Timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                for (int i = 0; i < _received.Count; i++)
                {
                    if (!_taken.Contains(i) && predicate(_received[i]))
                    {
                        _taken.Add(i);
                        return _received[i];
                    }
                }

                arrived = _arrived.Task;
            }

            if (Closed.Task.IsCompleted)
            {
                throw new InvalidOperationException($"The signal connection closed ({CloseStatus}) before {what} arrived.");
            }

            try
            {
                await Task.WhenAny(arrived, Closed.Task).WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {what} within {Timeout.TotalSeconds} s.");
            }
        }
    }

    public Task<SignalResponse> WaitForAsync(SignalResponse.MessageOneofCase kind) => WaitForAsync(r => r.MessageCase == kind, kind.ToString());

    /// <summary>Every response received so far, in order.</summary>
    public IReadOnlyList<SignalResponse> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    /// <summary>
    /// Creates the two PeerConnections: the subscriber answers every server offer from now on (the first one may
    /// already be here); the publisher creates the client's channels and sends one offer.
    /// </summary>
    public async Task StartMediaAsync(bool publishData = true)
    {
        var options = new PeerConnectionOptions { HostAddresses = new[] { System.Net.IPAddress.Loopback }, IncludeLoopback = true };
        _subscriber = new PeerConnection(options);
        _publisher = new PeerConnection(options);
        _subscriber.IceCandidateGathered += c => _ = Trickle(c, SignalTarget.Subscriber);
        _publisher.IceCandidateGathered += c => _ = Trickle(c, SignalTarget.Publisher);
        _subscriber.DataChannelReceived += channel =>
        {
            lock (ServerChannels)
            {
                ServerChannels[channel.Label] = channel;
            }

            (channel.Label == "_lossy" ? ServerLossy : ServerReliable).TrySetResult(channel);
        };
        _ = Task.Run(AnswerOffersAsync);
        _ = Task.Run(ApplyTricklesAsync);
        if (publishData)
        {
            PublisherReliable = _publisher.CreateDataChannel("_reliable", new DataChannelInit { Ordered = true });
            PublisherLossy = _publisher.CreateDataChannel("_lossy", new DataChannelInit { Ordered = false, MaxRetransmits = 0 });
            await OfferPublisherAsync();
        }
    }

    /// <summary>Sends a publisher offer and applies the server's answer (matched by offer id).</summary>
    public async Task OfferPublisherAsync()
    {
        SessionDescriptionInit offer = await Publisher.CreateOfferAsync();
        await Publisher.SetLocalDescriptionAsync(offer);
        uint id = ++_publisherOfferId;
        await SendAsync(new SignalRequest { Offer = new SessionDescription { Type = "offer", Sdp = offer.Sdp, Id = id } });
        SignalResponse answer = await WaitForAsync(r => r.MessageCase == SignalResponse.MessageOneofCase.Answer && r.Answer.Id == id, $"answer {id}");
        await Publisher.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Answer, answer.Answer.Sdp));
    }

    private async Task AnswerOffersAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                SignalResponse offer = await WaitForAsync(SignalResponse.MessageOneofCase.Offer);
                await Subscriber.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, offer.Offer.Sdp));
                SessionDescriptionInit answer = await Subscriber.CreateAnswerAsync();
                await Subscriber.SetLocalDescriptionAsync(answer);
                await SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = answer.Sdp, Id = offer.Offer.Id } });
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or ObjectDisposedException or WebSocketException or OperationCanceledException)
        {
        }
    }

    private async Task ApplyTricklesAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                SignalResponse trickle = await WaitForAsync(SignalResponse.MessageOneofCase.Trickle);
                using JsonDocument json = JsonDocument.Parse(trickle.Trickle.CandidateInit);
                JsonElement root = json.RootElement;
                var candidate = new IceCandidateInit(
                    root.GetProperty("candidate").GetString()!,
                    root.TryGetProperty("sdpMid", out JsonElement mid) ? mid.GetString() : null,
                    root.TryGetProperty("sdpMLineIndex", out JsonElement index) ? index.GetInt32() : null,
                    null);
                (trickle.Trickle.Target == SignalTarget.Subscriber ? Subscriber : Publisher).AddIceCandidate(candidate);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task Trickle(IceCandidateInit candidate, SignalTarget target)
    {
        if (candidate.IsEndOfCandidates)
        {
            return;
        }

        string json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["candidate"] = candidate.Candidate,
            ["sdpMid"] = candidate.SdpMid,
            ["sdpMLineIndex"] = candidate.SdpMLineIndex,
        });
        try
        {
            await SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = json, Target = target } });
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                SignalResponse response = result.MessageType == WebSocketMessageType.Text
                    ? JsonParser.Default.Parse<SignalResponse>(System.Text.Encoding.UTF8.GetString(buffer, 0, length))
                    : SignalResponse.Parser.ParseFrom(buffer, 0, length);
                lock (_gate)
                {
                    _received.Add(response);
                    TaskCompletionSource arrived = _arrived;
                    _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    arrived.TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            Closed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket.Abort();
        await _reader;
        if (_subscriber is not null)
        {
            await _subscriber.DisposeAsync();
        }

        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }

        _socket.Dispose();
    }
}
