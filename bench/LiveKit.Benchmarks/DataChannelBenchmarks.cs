using System;
using System.Net;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LiveKit.Interop.Tests;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.DataChannels;
using LiveKit.Interop.Tests.Pion;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;

namespace LiveKit.Benchmarks;

/// <summary>
/// Data channel throughput on loopback, one reliable ordered channel, in the same run for every pair: bulk (65,535-byte
/// messages, the most pion 3.1.56 can read; the Throughput column gives MB/s) and 100-byte messages (messages/s).
/// <list type="bullet">
/// <item><b>ManagedToManaged</b>: two of our connections in this process.</item>
/// <item><b>ManagedToPion</b>: ours to the pion peer program, which counts (no verification).</item>
/// <item><b>PionToPion</b>: two pion connections in one Go process (the peer's bench mode), timed in Go: the baseline.</item>
/// <item><b>ManagedToChromium</b>: ours to a Chromium page that counts in its onmessage.</item>
/// </list>
/// Socket buffers: ours 8 MiB each way (PeerConnectionOptions), pion's ICE sockets ask 4 MiB and get 8 MiB (Linux doubles
/// what it grants; rmem_max is 4 MiB here); Chromium keeps its own. An operation is one message; an invocation sends
/// <see cref="BulkMessages"/> or <see cref="SmallMessages"/> and ends when the receiver counted the last one.
/// Chromium and pion need the loopback-only network namespace:
/// <c>bash scripts/interop-netns.sh dotnet run -c Release --project bench/LiveKit.Benchmarks -- --filter '*DataChannel*'</c>
/// (build first: nothing but 127.0.0.1 is reachable inside).
/// </summary>
[Config(typeof(DataChannelBenchmarkConfig))]
public class DataChannelBenchmarks
{
    /// <summary>The category of the bulk benchmarks.</summary>
    public const string BulkCategory = "bulk";

    /// <summary>The category of the small-message benchmarks.</summary>
    public const string SmallCategory = "100 B messages";

    /// <summary>The bulk message size: 65,535 bytes, the most pion 3.1.56 reads.</summary>
    public const int BulkMessageSize = 65535;

    /// <summary>Bulk messages per invocation (16.8 MB).</summary>
    public const int BulkMessages = 256;

    /// <summary>The small message size.</summary>
    public const int SmallMessageSize = 100;

    /// <summary>Small messages per invocation.</summary>
    public const int SmallMessages = 50_000;

    private const string Label = "bench";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly byte[] BulkPayload = Payload(BulkMessageSize);
    private static readonly byte[] SmallPayload = Payload(SmallMessageSize);

    private PeerConnection? _sender;
    private PeerConnection? _receiver;
    private DataChannel? _channel;
    private DataChannelSink? _managedSink;
    private PionPeer? _pion;
    private PionBench? _pionBench;
    private ChromiumBrowser? _browser;
    private ChromiumPeer? _page;
    private long _expected;

    /// <summary>Our options: loopback, 8 MiB socket buffers.</summary>
    public static PeerConnectionOptions Options { get; } = new()
    {
        HostAddresses = [IPAddress.Loopback],
        SocketReceiveBufferSize = 8 * 1024 * 1024,
        SocketSendBufferSize = 8 * 1024 * 1024,
    };

    /// <summary>Two of our connections, connected, the channel open, the receiver counting.</summary>
    [GlobalSetup(Targets = [nameof(ManagedToManagedBulk), nameof(ManagedToManagedMessages)])]
    public void SetupManaged() => Run(async ct =>
    {
        _receiver = new PeerConnection(Options);
        var received = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.DataChannelReceived += c => received.TrySetResult(c);
        await ConnectOursAsync(_receiver, ct);
        _managedSink = DataChannelSink.Start(await received.Task.WaitAsync(ct));
    });

    /// <summary>Ours and the pion peer program (counting only), connected, the channel open on both sides.</summary>
    [GlobalSetup(Targets = [nameof(ManagedToPionBulk), nameof(ManagedToPionMessages)])]
    public void SetupPion() => Run(async ct =>
    {
        LoopbackOnlyNetwork.EnsureLoopbackOnly();
        _pion = await PionPeer.StartAsync(cancellationToken: ct);
        await _pion.ConfigureAsync(new PionPeerOptions { SendAudio = false, ReceiveAudio = false }, ct);
        await _pion.ExpectMessagesAsync(Label, ReceiveSpec.CountOnly, ct);
        _sender = new PeerConnection(Options);
        _channel = _sender.CreateDataChannel(Label);
        Task trickle = TrickleToPionAsync(_sender, _pion, ct);
        SessionDescriptionInit offer = await _sender.CreateOfferAsync(ct);
        await _sender.SetLocalDescriptionAsync(offer, ct);
        await _pion.SetRemoteAsync(PionSdpType.Offer, offer.Sdp, ct);
        await _sender.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Answer, await _pion.CreateAnswerAsync(ct)), ct);
        await _channel.WaitForOpenAsync(ct);
        await _pion.WaitForChannelAsync(Label, open: true, Timeout, ct);
        _expected = 0;
    });

    /// <summary>The pion bench program with its data channel pair connected.</summary>
    [GlobalSetup(Targets = [nameof(PionToPionBulk), nameof(PionToPionMessages)])]
    public void SetupPionBench() => Run(async ct =>
    {
        LoopbackOnlyNetwork.EnsureLoopbackOnly();
        _pionBench = await PionBench.StartAsync(cancellationToken: ct);
        await _pionBench.ConnectDataChannelAsync(ct);
    });

    /// <summary>Ours and a Chromium page (counting only), connected, the channel open on both sides.</summary>
    [GlobalSetup(Targets = [nameof(ManagedToChromiumBulk), nameof(ManagedToChromiumMessages)])]
    public void SetupChromium() => Run(async ct =>
    {
        _browser = await ChromiumBrowser.LaunchAsync(); // checks that only loopback is up
        _page = await _browser.CreatePeerAsync("bench", cancellationToken: ct);
        await _page.ExpectMessagesAsync(Label, ReceiveSpec.CountOnly, ct);
        _sender = new PeerConnection(Options);
        _channel = _sender.CreateDataChannel(Label);
        var signaling = new ManagedToChromiumSignaling(_sender, _page, ct);
        SessionDescriptionInit offer = await _sender.CreateOfferAsync(ct);
        await _sender.SetLocalDescriptionAsync(offer, ct);
        await _page.SetRemoteDescriptionAsync(offer, ct);
        signaling.ChromiumHasRemoteDescription();
        await _sender.SetRemoteDescriptionAsync(await _page.CreateAnswerAsync(cancellationToken: ct), ct);
        await _channel.WaitForOpenAsync(ct);
        await _page.WaitForChannelAsync(Label, open: true, ct);
        _expected = 0;
    });

    /// <summary>Closes whatever the setup made.</summary>
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

        if (_sender is not null)
        {
            await _sender.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        if (_pion is not null)
        {
            await _pion.DisposeAsync();
        }

        if (_pionBench is not null)
        {
            await _pionBench.DisposeAsync();
        }

        (_page, _browser, _sender, _receiver, _pion, _pionBench) = (null, null, null, null, null, null);
    });

    /// <summary>Ours to ours, bulk.</summary>
    [Benchmark(OperationsPerInvoke = BulkMessages)]
    [BenchmarkCategory(BulkCategory)]
    public async Task ManagedToManagedBulk()
    {
        long target = _managedSink!.Received + BulkMessages;
        await SendAsync(BulkPayload, BulkMessages);
        await _managedSink.WaitForAsync(target, Timeout);
    }

    /// <summary>Ours to ours, 100-byte messages.</summary>
    [Benchmark(OperationsPerInvoke = SmallMessages)]
    [BenchmarkCategory(SmallCategory)]
    public async Task ManagedToManagedMessages()
    {
        long target = _managedSink!.Received + SmallMessages;
        await SendAsync(SmallPayload, SmallMessages);
        await _managedSink.WaitForAsync(target, Timeout);
    }

    /// <summary>Ours to pion, bulk.</summary>
    [Benchmark(OperationsPerInvoke = BulkMessages)]
    [BenchmarkCategory(BulkCategory)]
    public async Task ManagedToPionBulk()
    {
        await SendAsync(BulkPayload, BulkMessages);
        await _pion!.WaitForMessagesAsync(Label, _expected += BulkMessages, Timeout);
    }

    /// <summary>Ours to pion, 100-byte messages.</summary>
    [Benchmark(OperationsPerInvoke = SmallMessages)]
    [BenchmarkCategory(SmallCategory)]
    public async Task ManagedToPionMessages()
    {
        await SendAsync(SmallPayload, SmallMessages);
        await _pion!.WaitForMessagesAsync(Label, _expected += SmallMessages, Timeout);
    }

    /// <summary>pion to pion in one Go process (the baseline), bulk.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BulkMessages)]
    [BenchmarkCategory(BulkCategory)]
    public Task<DataChannelBenchResult> PionToPionBulk() => _pionBench!.BulkAsync((long)BulkMessages * BulkMessageSize, BulkMessageSize);

    /// <summary>pion to pion in one Go process (the baseline), 100-byte messages.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SmallMessages)]
    [BenchmarkCategory(SmallCategory)]
    public Task<DataChannelBenchResult> PionToPionMessages() => _pionBench!.MessagesAsync(SmallMessages, SmallMessageSize);

    /// <summary>Ours to a Chromium page, bulk.</summary>
    [Benchmark(OperationsPerInvoke = BulkMessages)]
    [BenchmarkCategory(BulkCategory)]
    public async Task ManagedToChromiumBulk()
    {
        await SendAsync(BulkPayload, BulkMessages);
        await _page!.WaitForMessagesAsync(Label, _expected += BulkMessages, Timeout);
    }

    /// <summary>Ours to a Chromium page, 100-byte messages.</summary>
    [Benchmark(OperationsPerInvoke = SmallMessages)]
    [BenchmarkCategory(SmallCategory)]
    public async Task ManagedToChromiumMessages()
    {
        await SendAsync(SmallPayload, SmallMessages);
        await _page!.WaitForMessagesAsync(Label, _expected += SmallMessages, Timeout);
    }

    private static byte[] Payload(int size)
    {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++)
        {
            payload[i] = (byte)i;
        }

        return payload;
    }

    private static void Run(Func<CancellationToken, Task> action)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        action(timeout.Token).GetAwaiter().GetResult();
    }

    private static async Task TrickleToPionAsync(PeerConnection ours, PionPeer pion, CancellationToken ct)
    {
        var gathered = Channel.CreateUnbounded<IceCandidateInit>();
        ours.IceCandidateGathered += c => gathered.Writer.TryWrite(c);
        Task fromPion = Task.Run(async () =>
        {
            await foreach (PionCandidate candidate in pion.Candidates.ReadAllAsync(ct))
            {
                ours.AddIceCandidate(new IceCandidateInit(candidate.Candidate, candidate.SdpMid, candidate.SdpMLineIndex, null));
            }
        }, ct);
        await foreach (IceCandidateInit candidate in gathered.Reader.ReadAllAsync(ct))
        {
            if (candidate.IsEndOfCandidates)
            {
                break;
            }

            await pion.AddCandidateAsync(new PionCandidate(candidate.Candidate, candidate.SdpMid, candidate.SdpMLineIndex), ct);
        }

        await fromPion;
    }

    /// <summary>Sends <paramref name="count"/> messages on the channel (SendAsync waits above 16 MiB buffered).</summary>
    private async Task SendAsync(byte[] payload, int count)
    {
        DataChannel channel = _channel!;
        for (int i = 0; i < count; i++)
        {
            await channel.SendAsync(payload);
        }
    }

    /// <summary>Connects <see cref="_sender"/> (made here, with the channel) to <paramref name="receiver"/> directly.</summary>
    private async Task ConnectOursAsync(PeerConnection receiver, CancellationToken ct)
    {
        _sender = new PeerConnection(Options);
        _channel = _sender.CreateDataChannel(Label);
        _sender.IceCandidateGathered += c => receiver.AddIceCandidate(c);
        receiver.IceCandidateGathered += c => _sender.AddIceCandidate(c);
        SessionDescriptionInit offer = await _sender.CreateOfferAsync(ct);
        await _sender.SetLocalDescriptionAsync(offer, ct);
        await receiver.SetRemoteDescriptionAsync(offer, ct);
        SessionDescriptionInit answer = await receiver.CreateAnswerAsync(ct);
        await receiver.SetLocalDescriptionAsync(answer, ct);
        await _sender.SetRemoteDescriptionAsync(answer, ct);
        await _channel.WaitForOpenAsync(ct);
    }
}
