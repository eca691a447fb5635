using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.Proto;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Sdp;
using SessionDescription = LiveKit.Proto.SessionDescription;

namespace LiveKit.Testing.Tests;

/// <summary>
/// A bare LiveKit signal client for the server's tests: a WebSocket speaking binary SignalRequest/SignalResponse,
/// every response kept in order (with the frame type it came in), and on request the two PeerConnections of
/// dual-PC mode (the subscriber answers the server's offers; the publisher offers the client's _reliable/_lossy
/// channels and published tracks). Deliberately not LiveKit.Rtc.
/// </summary>
internal sealed class SignalTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private readonly List<SignalResponse> _received = new();
    private readonly List<WebSocketMessageType> _frameTypes = new();
    private readonly HashSet<int> _taken = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private readonly Dictionary<string, Channel<DataPacket>> _data = new()
    {
        ["_reliable"] = Channel.CreateUnbounded<DataPacket>(),
        ["_lossy"] = Channel.CreateUnbounded<DataPacket>(),
    };
    private readonly Channel<RtpTransceiver> _tracks = Channel.CreateUnbounded<RtpTransceiver>();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PeerConnection? _subscriber;
    private PeerConnection? _publisher;
    private uint _publisherOfferId;
    private Task _pinger = Task.CompletedTask;

    private SignalTestClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>How the WebSocket ended: the close status the server sent, once it closed (null without a close frame).</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>The close frame's reason text, once the server closed.</summary>
    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <summary>Completes when the read loop ends (a close frame, an abort, or disposal).</summary>
    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PeerConnection Subscriber => _subscriber ?? throw new InvalidOperationException("StartMediaAsync first");

    public PeerConnection Publisher => _publisher ?? throw new InvalidOperationException("StartMediaAsync first");

    public DataChannel? PublisherReliable { get; private set; }

    public DataChannel? PublisherLossy { get; private set; }

    /// <summary>Channels the server opened on the subscriber PC, by label.</summary>
    public Dictionary<string, DataChannel> ServerChannels { get; } = new();

    public TaskCompletionSource<DataChannel> ServerReliable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<DataChannel> ServerLossy { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The join response, once <see cref="JoinWithMediaAsync"/> (or a test) has read it.</summary>
    public JoinResponse? Join { get; private set; }

    public static Uri SignalUri(LiveKitTestServer server, string token, string extraQuery = "") =>
        new(server.Url, $"rtc?access_token={token}&protocol=17&sdk=dotnet-tests&version=0.1&auto_subscribe=1{extraQuery}");

    /// <summary>The same URL without a token (for the Authorization header), with <paramref name="path"/> instead of <c>rtc</c>.</summary>
    public static Uri SignalUriWithoutToken(LiveKitTestServer server, string path = "rtc", string extraQuery = "") =>
        new(server.Url, $"{path}?protocol=17&sdk=dotnet-tests&version=0.1&auto_subscribe=1{extraQuery}");

    public static Task<SignalTestClient> ConnectAsync(LiveKitTestServer server, string token, string extraQuery = "") =>
        ConnectAsync(SignalUri(server, token, extraQuery));

    public static async Task<SignalTestClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var bound = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(uri, bound.Token);
        return new SignalTestClient(socket);
    }

    /// <summary>Tries the WebSocket upgrade and returns the HTTP status of a refusal, or null when it was accepted.</summary>
    public static async Task<HttpStatusCode?> TryUpgradeAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        using var bound = new CancellationTokenSource(Timeout);
        try
        {
            await socket.ConnectAsync(uri, bound.Token);
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }

        socket.Abort();
        return null;
    }

    public static Task<SignalTestClient> JoinAsync(LiveKitTestServer server, string identity, string room, VideoGrants? grants = null) =>
        ConnectAsync(server, server.CreateToken(identity, room, grants));

    /// <summary>Joins and reads the join response (no PeerConnections).</summary>
    public static async Task<SignalTestClient> JoinedAsync(LiveKitTestServer server, string identity, string room, VideoGrants? grants = null)
    {
        SignalTestClient client = await JoinAsync(server, identity, room, grants);
        client.Join = (await client.WaitForAsync(SignalResponse.MessageOneofCase.Join)).Join;
        return client;
    }

    /// <summary>
    /// Joins and brings up both PeerConnections: the join response read, the subscriber PC connected with the
    /// server's _reliable and _lossy channels, the publisher PC connected with ours open.
    /// </summary>
    public static async Task<SignalTestClient> JoinWithMediaAsync(LiveKitTestServer server, string identity, string room, VideoGrants? grants = null)
    {
        SignalTestClient client = await JoinedAsync(server, identity, room, grants);
        await client.StartMediaAsync();
        await PeerConnectionWaits.ConnectedAsync(client.Subscriber);
        await PeerConnectionWaits.ConnectedAsync(client.Publisher);
        await client.ServerReliable.Task.WaitAsync(Timeout);
        await client.ServerLossy.Task.WaitAsync(Timeout);
        await client.PublisherReliable!.WaitForOpenAsync().WaitAsync(Timeout);
        await client.PublisherLossy!.WaitForOpenAsync().WaitAsync(Timeout);
        return client;
    }

    public Task SendAsync(SignalRequest request) => SendRawAsync(request.ToByteArray(), WebSocketMessageType.Binary);

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var bound = new CancellationTokenSource(Timeout);
        await _sendGate.WaitAsync(bound.Token);
        try
        {
            await _socket.SendAsync(bytes, type, true, bound.Token);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Sends ping_req every <paramref name="interval"/> until disposed, as clients do every ping_interval (brief §5.1).</summary>
    public void StartPinging(TimeSpan interval)
    {
        _pinger = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    await SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } });
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        });
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

    /// <summary>Waits for the update that shows <paramref name="identity"/> in <paramref name="state"/>.</summary>
    public async Task<ParticipantInfo> WaitForParticipantAsync(string identity, ParticipantInfo.Types.State state)
    {
        SignalResponse update = await WaitForAsync(
            r => r.Update?.Participants.Any(p => p.Identity == identity && p.State == state) == true, $"{identity} {state}");
        return update.Update.Participants.Last(p => p.Identity == identity && p.State == state);
    }

    /// <summary>Sends ping_req and waits for its pong_resp (the connection is being served).</summary>
    public async Task<Pong> PingAsync(long timestamp)
    {
        await SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = timestamp } });
        SignalResponse pong = await WaitForAsync(r => r.PongResp?.LastPingTimestamp == timestamp, $"pong_resp {timestamp}");
        return pong.PongResp;
    }

    /// <summary>Waits until the read loop has ended, for whatever reason.</summary>
    public Task WaitClosedAsync() => Closed.Task.WaitAsync(Timeout);

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

    /// <summary>Whether <paramref name="response"/> (an instance returned by this client) came in a text or binary frame.</summary>
    public WebSocketMessageType FrameTypeOf(SignalResponse response)
    {
        lock (_gate)
        {
            for (int i = 0; i < _received.Count; i++)
            {
                if (ReferenceEquals(_received[i], response))
                {
                    return _frameTypes[i];
                }
            }
        }

        throw new ArgumentException("Not a response of this client.", nameof(response));
    }

    /// <summary>
    /// Creates the two PeerConnections: the subscriber answers every server offer from now on (the first one may
    /// already be here); the publisher creates the client's channels and sends one offer.
    /// </summary>
    public async Task StartMediaAsync(bool publishData = true)
    {
        var options = new PeerConnectionOptions { HostAddresses = new[] { IPAddress.Loopback }, IncludeLoopback = true };
        _subscriber = new PeerConnection(options);
        _publisher = new PeerConnection(options);
        _subscriber.IceCandidateGathered += c => _ = Trickle(c, SignalTarget.Subscriber);
        _publisher.IceCandidateGathered += c => _ = Trickle(c, SignalTarget.Publisher);
        _subscriber.TrackReceived += transceiver => _tracks.Writer.TryWrite(transceiver);
        _subscriber.DataChannelReceived += channel =>
        {
            lock (ServerChannels)
            {
                ServerChannels[channel.Label] = channel;
            }

            if (_data.TryGetValue(channel.Label, out Channel<DataPacket>? packets))
            {
                _ = Task.Run(() => ReadDataAsync(channel, packets.Writer));
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

    /// <summary>
    /// Publishes a track as brief §3.4 says: a sendonly transceiver whose msid track id is the cid, add_track, the
    /// server's track_published, then a publisher offer carrying the new m-line.
    /// </summary>
    public async Task<(RtpTransceiver Transceiver, TrackInfo Track)> PublishAsync(MediaKind kind, string name)
    {
        RtpTransceiver transceiver = Publisher.AddTransceiver(kind, SdpMediaDirection.SendOnly);
        string cid = transceiver.Sender.TrackId;
        await SendAsync(new SignalRequest
        {
            AddTrack = new AddTrackRequest
            {
                Cid = cid,
                Name = name,
                Type = kind == MediaKind.Audio ? TrackType.Audio : TrackType.Video,
                Source = kind == MediaKind.Audio ? TrackSource.Microphone : TrackSource.Camera,
            },
        });
        SignalResponse published = await WaitForAsync(r => r.TrackPublished?.Cid == cid, $"track_published {cid}");
        await OfferPublisherAsync();
        return (transceiver, published.TrackPublished.Track);
    }

    /// <summary>The next remote track the subscriber PC received (TrackReceived), in order.</summary>
    public async Task<RtpTransceiver> NextTrackAsync() => await _tracks.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    /// <summary>The next DataPacket the server delivered on its channel <paramref name="label"/> (<c>_reliable</c> or <c>_lossy</c>).</summary>
    public async Task<DataPacket> NextDataAsync(string label = "_reliable") => await _data[label].Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    /// <summary>Whether a DataPacket is waiting on <paramref name="label"/> (for "nothing else arrived" after a later message).</summary>
    public bool HasPendingData(string label = "_reliable") => _data[label].Reader.TryPeek(out _);

    /// <summary>Sends a DataPacket on the publisher's <paramref name="label"/> channel.</summary>
    public async Task PublishDataAsync(DataPacket packet, string label = "_reliable")
    {
        DataChannel channel = (label == "_lossy" ? PublisherLossy : PublisherReliable) ?? throw new InvalidOperationException("StartMediaAsync first");
        await channel.SendAsync(packet.ToByteArray());
    }

    private static async Task ReadDataAsync(DataChannel channel, ChannelWriter<DataPacket> packets)
    {
        try
        {
            await foreach (DataChannelMessage message in channel.ReadAllAsync())
            {
                packets.TryWrite(DataPacket.Parser.ParseFrom(message.Data.Span));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or OperationCanceledException or InvalidProtocolBufferException)
        {
        }
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
                    _frameTypes.Add(result.MessageType);
                    TaskCompletionSource arrived = _arrived;
                    _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    arrived.TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // ClientWebSocket.Abort disposes the socket: a receive started after it throws ObjectDisposedException.
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
        await _pinger;
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
