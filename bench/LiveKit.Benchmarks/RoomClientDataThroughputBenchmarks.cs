using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LiveKit.Rtc;
using LiveKit.Rtc.Events;
using LiveKit.Testing;
using LiveKit.WebRtc;

namespace LiveKit.Benchmarks;

/// <summary>
/// Reliable data throughput of our room client on loopback: 1 KiB messages (<see cref="RoomClientMessageCounter"/>:
/// the first 4 bytes are the message's index), <see cref="Messages"/> per iteration, sent as fast as the send call
/// allows, one awaited after the other (one call in flight at a time, as an application awaiting each publish does);
/// an iteration ends when the receiver has counted the last message, every one checked to arrive once and in order.
/// BenchmarkDotNet's time per operation is the iteration's time (first send to last delivery) divided by the messages.
/// <list type="bullet">
/// <item><b>RawDataChannel</b> (the baseline): the same messages on one reliable, ordered data channel between two of
/// our PeerConnections (<see cref="RoomClientPeerConnectionPair"/>), no server and no LiveKit envelope: the floor.</item>
/// <item><b>RoomPublishData</b>: two of our rooms in one room of an in-process <see cref="LiveKitTestServer"/>; the
/// sender awaits <c>LocalParticipant.PublishDataAsync(message, reliable: true)</c> for each message, the server relays
/// it, the receiver's <c>data_received</c> handler counts it.</item>
/// </list>
/// Run in the loopback-only network namespace like the join benchmarks (nothing here needs it, but the runs are
/// comparable): <c>bash scripts/interop-netns.sh dotnet &lt;bin&gt;/LiveKit.Benchmarks.dll --filter '*RoomClientDataThroughput*'</c>.
/// </summary>
[Config(typeof(RoomClientDataBenchmarkConfig))]
public class RoomClientDataThroughputBenchmarks
{
    /// <summary>Messages per iteration (102 MB of payload): about a second or more for the floor and for the room.</summary>
    public const int Messages = 100_000;

    private const string RoomName = "bench-data";
    private const string SenderIdentity = "sender";
    private const int TrialMessages = 500;
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(300);

    private readonly byte[] _message = NewMessage();

    private RoomClientPeerConnectionPair? _pair;
    private RoomClientMessageCounter? _rawCounter;
    private Task? _rawReader;
    private int _rawSent;

    private LiveKitTestServer? _server;
    private Room? _sender;
    private Room? _receiver;
    private EventSubscription? _dataSubscription;
    private RoomClientMessageCounter? _roomCounter;
    private int _roomSent;

    /// <summary>Our two PeerConnections, connected, the answerer's channel read by a counter; a trial batch checks the path.</summary>
    [GlobalSetup(Target = nameof(RawDataChannel))]
    public void SetupRaw() => Run(async ct =>
    {
        _pair = await RoomClientPeerConnectionPair.ConnectAsync(ct);
        var counter = _rawCounter = new RoomClientMessageCounter();
        DataChannel channel = _pair.AnswererChannel;
        _rawReader = Task.Run(async () =>
        {
            await foreach (DataChannelMessage message in channel.ReadAllAsync())
            {
                counter.Accept(message.Data.Span);
            }
        });
        await SendRawAsync(TrialMessages);
        await WaitAsync(counter, _rawSent);
    });

    /// <summary>
    /// The server and two rooms in one of its rooms: the receiver joins first with its <c>data_received</c> handler, then
    /// the sender; once the receiver sees the sender, a trial batch negotiates the sender's publisher PeerConnection
    /// (the first publish does that) and checks the path.
    /// </summary>
    [GlobalSetup(Target = nameof(RoomPublishData))]
    public void SetupRooms() => Run(async ct =>
    {
        _server = await LiveKitTestServer.StartAsync(cancellationToken: ct);
        string url = _server.Url.ToString();
        var counter = _roomCounter = new RoomClientMessageCounter();

        _receiver = new Room();
        _dataSubscription = _receiver.On(RoomEvent.DataReceived, (DataPacket packet) => counter.Accept(packet.Data.Span));
        var senderSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using EventSubscription seen = _receiver.On(RoomEvent.ParticipantConnected, (RemoteParticipant participant) =>
        {
            if (participant.Identity == SenderIdentity)
            {
                senderSeen.TrySetResult();
            }
        });
        await _receiver.ConnectAsync(url, _server.CreateToken("receiver", RoomName), new RoomOptions(), ct);

        _sender = new Room();
        await _sender.ConnectAsync(url, _server.CreateToken(SenderIdentity, RoomName), new RoomOptions(), ct);
        await senderSeen.Task.WaitAsync(ct);

        await SendThroughRoomAsync(TrialMessages);
        await WaitAsync(counter, _roomSent);
    });

    /// <summary>Closes whatever the setup made.</summary>
    [GlobalCleanup]
    public void Cleanup() => Run(async _ =>
    {
        if (_pair is not null)
        {
            await _pair.DisposeAsync();
            await _rawReader!;
        }

        _dataSubscription?.Dispose();
        if (_sender is not null)
        {
            await _sender.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        (_pair, _rawReader, _sender, _receiver, _server, _dataSubscription) = (null, null, null, null, null, null);
    });

    /// <summary>The floor: the messages on one raw data channel between two of our PeerConnections.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task RawDataChannel()
    {
        await SendRawAsync(Messages);
        await WaitAsync(_rawCounter!, _rawSent);
    }

    /// <summary>Our room client: PublishDataAsync, one awaited after the other, through the test server to the other room's handler.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task RoomPublishData()
    {
        await SendThroughRoomAsync(Messages);
        await WaitAsync(_roomCounter!, _roomSent);
    }

    private static byte[] NewMessage()
    {
        byte[] message = new byte[RoomClientMessageCounter.MessageSize];
        for (int i = 0; i < message.Length; i++)
        {
            message[i] = (byte)i;
        }

        return message;
    }

    private static void Run(Func<CancellationToken, Task> action)
    {
        using var timeout = new CancellationTokenSource(SetupTimeout);
        action(timeout.Token).GetAwaiter().GetResult();
    }

    /// <summary>Waits until the counter has all <paramref name="sent"/> messages; says how far it got when it times out.</summary>
    private static async Task WaitAsync(RoomClientMessageCounter counter, int sent)
    {
        try
        {
            await counter.WaitForAsync(sent, DeliveryTimeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{counter.Received} of {sent} messages arrived within {DeliveryTimeout.TotalSeconds:0} s.", exception);
        }
    }

    /// <summary>Sends the next <paramref name="count"/> messages on the raw channel, awaiting each send (the channel copies the message).</summary>
    private async Task SendRawAsync(int count)
    {
        DataChannel channel = _pair!.OffererChannel;
        for (int i = 0; i < count; i++)
        {
            RoomClientMessageCounter.WriteIndex(_message, _rawSent++);
            await channel.SendAsync(_message);
        }
    }

    /// <summary>Publishes the next <paramref name="count"/> messages as reliable data, awaiting each call (the call copies the message).</summary>
    private async Task SendThroughRoomAsync(int count)
    {
        LocalParticipant local = _sender!.LocalParticipant!;
        for (int i = 0; i < count; i++)
        {
            RoomClientMessageCounter.WriteIndex(_message, _roomSent++);
            await local.PublishDataAsync(_message, reliable: true);
        }
    }
}
